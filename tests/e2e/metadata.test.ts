/// <reference lib="dom" />
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { toChineseScript } from '../../src/shared/article/creditLine'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const CREDIT = '（双高办 张三供稿/图；李四校对；王五审核）'

async function newDraft(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: '新建稿件' }).first().click()
  const titleField = page.getByRole('textbox', { name: '标题' })
  await expect.poll(() => titleField.evaluate((el) => el === document.activeElement)).toBe(true)
  await titleField.fill(title)
}

function panel(page: Page) {
  return page.getByRole('complementary', { name: '稿件信息' })
}

async function savedDraft(dataDir: string): Promise<{ column: string; metadata: Record<string, unknown> }> {
  const [id] = (await readdir(join(dataDir, 'drafts'))).filter((name) => !name.startsWith('.'))
  return JSON.parse(await readFile(join(dataDir, 'drafts', id ?? '', 'draft.json'), 'utf8'))
}

async function saved(page: Page): Promise<void> {
  // The quiet time (800 ms) comes first, then the write: the default 1 s poll is too short on a busy machine.
  await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 10_000 }).toContain('已保存')
}

suite('metadata panel', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('saves the people, department and date typed in the panel, and shows the credit line they make', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await newDraft(page, '我校举行2026年秋季运动会')
    const meta = panel(page)

    await meta.getByRole('combobox', { name: '栏目' }).fill('校园动态')
    await meta.getByRole('combobox', { name: '供稿单位' }).fill('双高办')
    await meta.getByRole('combobox', { name: '编辑', exact: true }).fill('赵六')
    // Several writers typed with 、: each 、 ends a name; Enter ends the last.
    const authors = meta.getByRole('combobox', { name: '供稿', exact: true })
    await authors.click()
    await page.keyboard.type('张三、李四')
    await page.keyboard.press('Enter')
    // Pasting 张三、李四 adds both.
    const photographers = meta.getByRole('combobox', { name: '摄影' })
    await photographers.focus()
    await page.evaluate(() => {
      const data = new DataTransfer()
      data.setData('text/plain', '张三、李四')
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    })
    await meta.getByRole('combobox', { name: '校对' }).fill('李四')
    await meta.getByRole('combobox', { name: '审核' }).fill('王五')
    await meta.getByLabel('发布时间').fill('2026年11月20日 14:30')
    await meta.getByRole('textbox', { name: '摘要' }).fill('  运动会开幕  ')
    await saved(page)

    let draft = await savedDraft(dataDir)
    expect(draft.column).toBe('校园动态')
    expect(draft.metadata).toMatchObject({
      sourceDepartment: '双高办',
      editor: '赵六',
      authors: ['张三', '李四'],
      photographers: ['张三', '李四'],
      proofreader: '李四',
      reviewer: '王五',
      publishAt: '2026-11-20T14:30:00+08:00',
      summary: '运动会开幕'
    })
    // The form keeps what was typed, spaces and all; only the saved copy is trimmed.
    expect(await meta.getByRole('textbox', { name: '摘要' }).inputValue()).toBe('  运动会开幕  ')
    expect(await meta.getByTestId('credit-line').textContent()).toBe('（双高办 张三、李四供稿/图；李四校对；王五审核）')
    expect(await meta.getByTestId('editor-line').textContent()).toBe('编辑：赵六\u3000发布日期：2026年11月20日')

    // Backspace in an empty name box takes the last name back.
    await authors.click()
    await page.keyboard.press('Backspace')
    await meta.getByRole('button', { name: '移除 李四' }).last().click()
    await expect.poll(() => meta.getByTestId('credit-line').textContent()).toBe(CREDIT)
    await saved(page)
    draft = await savedDraft(dataDir)
    expect(draft.metadata).toMatchObject({ authors: ['张三'], photographers: ['张三'] })

    // Reopened, the panel shows what was saved.
    await page.reload()
    await expect.poll(() => panel(page).getByTestId('credit-line').textContent()).toBe(CREDIT)
    expect(await panel(page).getByLabel('发布时间').inputValue()).toBe('2026年11月20日 14:30')
  })

  it('marks required fields quietly on a fresh draft, as errors once left empty; drops the hint once filled; saving goes on', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await newDraft(page, '必填项')
    const meta = panel(page)
    // A fresh draft: the count is there, but no field is red before the person has been in it.
    await expect.poll(() => meta.getByText('还有 4 项必填未填').count()).toBe(1)
    expect(await meta.getByText(/必填：/).count()).toBe(0)
    expect(await meta.getByRole('combobox', { name: '编辑', exact: true }).getAttribute('aria-invalid')).toBe('false')
    // Leaving 编辑 empty makes it an error.
    await meta.getByRole('combobox', { name: '编辑', exact: true }).focus()
    await meta.getByRole('combobox', { name: '编辑', exact: true }).blur()
    await expect.poll(() => meta.getByText('必填：请填写编辑').count()).toBe(1)
    expect(await meta.getByRole('combobox', { name: '编辑', exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(await meta.getByText('必填：请填写栏目').count()).toBe(0)
    // Asking what is missing marks them all.
    await meta.getByRole('button', { name: '还有 4 项必填未填' }).click()
    await expect.poll(() => meta.getByText('必填：请填写栏目').count()).toBe(1)
    await saved(page)
    expect((await savedDraft(dataDir)) as unknown).toMatchObject({ title: '必填项' })

    await meta.getByRole('combobox', { name: '编辑', exact: true }).fill('赵六')
    await expect.poll(() => meta.getByText('还有 3 项必填未填').count()).toBe(1)
    expect(await meta.getByText('必填：请填写编辑').count()).toBe(0)
    await meta.getByRole('combobox', { name: '栏目' }).fill('校园动态')
    await meta.getByRole('combobox', { name: '供稿单位' }).fill('双高办')
    await meta.getByRole('combobox', { name: '供稿', exact: true }).fill('张三')
    await meta.getByRole('combobox', { name: '供稿', exact: true }).press('Enter')
    await expect.poll(() => meta.getByText(/项必填未填/).count()).toBe(0)
    expect(await meta.getByText(/必填：/).count()).toBe(0)

    // Emptying a required field brings its hint back.
    await meta.getByRole('combobox', { name: '编辑', exact: true }).fill('')
    await expect.poll(() => meta.getByText('必填：请填写编辑').count()).toBe(1)

    // Folded away, the panel still says how many are missing, and stays folded after a reload.
    const toggle = meta.getByRole('button', { name: '稿件信息' })
    await toggle.click()
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await meta.getByRole('combobox').count()).toBe(0)
    expect(await meta.getByText('还有 1 项必填未填').count()).toBe(1)
    await page.reload()
    await expect.poll(() => panel(page).getByRole('button', { name: '稿件信息' }).getAttribute('aria-expanded')).toBe('false')
    await panel(page).getByRole('button', { name: '稿件信息' }).click()
    await expect.poll(() => panel(page).getByRole('combobox', { name: '编辑', exact: true }).count()).toBe(1)
  })

  it('writes the credit line in Traditional characters, in the panel and the preview, once the setting says so', async () => {
    app = await launchApp()
    const { page } = app
    await newDraft(page, '繁体署名')
    const meta = panel(page)
    await meta.getByRole('combobox', { name: '供稿单位' }).fill('双高办')
    await meta.getByRole('combobox', { name: '供稿', exact: true }).fill('张三')
    await meta.getByRole('combobox', { name: '供稿', exact: true }).press('Enter')
    await meta.getByRole('combobox', { name: '摄影' }).fill('张三')
    await meta.getByRole('combobox', { name: '摄影' }).press('Enter')
    await meta.getByRole('combobox', { name: '校对' }).fill('李四')
    await meta.getByRole('combobox', { name: '审核' }).fill('王五')
    await expect.poll(() => meta.getByTestId('credit-line').textContent()).toBe(CREDIT)

    await page.getByRole('button', { name: '设置', exact: true }).click()
    const settings = page.getByRole('dialog', { name: '设置' })
    await settings.getByRole('tab', { name: '稿件信息与署名' }).click()
    await settings.getByLabel('署名用字').selectOption('traditional-tw')
    await settings.getByRole('button', { name: '保存', exact: true }).click()

    const traditional = toChineseScript(CREDIT, 'traditional-tw')
    expect(traditional).not.toBe(CREDIT)
    expect(traditional).toContain('審核')
    await expect.poll(() => meta.getByTestId('credit-line').textContent()).toBe(traditional)

    await page.getByRole('button', { name: '预览', exact: true }).click()
    const article = page.getByRole('dialog', { name: '预览' }).getByRole('region', { name: '文章预览' })
    await expect.poll(() => article.locator('.news-article > p:last-child').textContent()).toBe(traditional)
  })

  it('checks the credit template in the settings and shows a live example', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByRole('button', { name: '设置', exact: true }).click()
    const settings = page.getByRole('dialog', { name: '设置' })
    await settings.getByRole('tab', { name: '稿件信息与署名' }).click()
    await expect.poll(() => settings.getByTestId('credit-example').textContent()).toBe('（双高办 张三供稿/图；李四校对；王五审核）')
    const template = settings.getByLabel('署名模板')
    await template.fill('[{authors}{role.authors}]；[{nobody}]')
    await expect.poll(() => settings.getByRole('alert').textContent()).toContain('不认识的占位符 {nobody}')
    expect(await settings.getByRole('button', { name: '保存', exact: true }).isDisabled()).toBe(true)
    await template.fill('[{authors}{role.authors}]；[{editor}{role.editor}]')
    await expect.poll(() => settings.getByTestId('credit-example').textContent()).toBe('（张三供稿；赵六编辑）')
    await settings.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => app!.services.settings.get().creditTemplate).toBe('[{authors}{role.authors}]；[{editor}{role.editor}]')
  })

  it('starts a new draft with the usual 栏目, 供稿单位 and 编辑, suggests recent values and adds new names to 通讯录 in one click', async () => {
    app = await launchApp()
    const { page } = app
    await newDraft(page, '第一篇')
    let meta = panel(page)
    await meta.getByRole('combobox', { name: '栏目' }).fill('校园动态')
    await meta.getByRole('combobox', { name: '供稿单位' }).fill('双高办')
    await meta.getByRole('combobox', { name: '编辑', exact: true }).fill('赵六')
    await meta.getByRole('combobox', { name: '审核' }).fill('王五')
    await meta.getByRole('combobox', { name: '审核' }).blur()
    await saved(page)

    await newDraft(page, '第二篇')
    meta = panel(page)
    await expect.poll(() => meta.getByRole('combobox', { name: '栏目' }).inputValue()).toBe('校园动态')
    expect(await meta.getByRole('combobox', { name: '供稿单位' }).inputValue()).toBe('双高办')
    expect(await meta.getByRole('combobox', { name: '编辑', exact: true }).inputValue()).toBe('赵六')
    expect(await meta.getByRole('combobox', { name: '审核' }).inputValue()).toBe('')
    // 王五 was typed in 审核 before: typing 王 offers him, though 通讯录 is empty.
    await meta.getByRole('combobox', { name: '审核' }).fill('王')
    await expect.poll(() => meta.getByRole('option', { name: '王五' }).count()).toBe(1)
    await meta.getByRole('option', { name: '王五' }).click()

    // The names are not in 通讯录: one click adds them, each with the role they have here.
    await expect.poll(() => meta.getByText(/通讯录中还没有/).textContent()).toContain('赵六')
    await meta.getByRole('button', { name: '加入通讯录' }).click()
    await expect.poll(() => meta.getByText('已加入通讯录，下次输入时会出现在建议中。').count()).toBe(1)
    type Named = { name: string; roles?: string[] }
    const directory = JSON.parse(await readFile(join(app.dataDir, 'directory.json'), 'utf8')) as { people: Named[]; departments: Named[]; columns: Named[] }
    expect(directory.people.map((p) => [p.name, p.roles])).toEqual(expect.arrayContaining([['赵六', ['editor']], ['王五', ['reviewer']]]))
    expect(directory.departments.map((d) => d.name)).toEqual(['双高办'])
    expect(directory.columns.map((c) => c.name)).toEqual(['校园动态'])
  })

  it('reads 发布时间 typed in several ways and shows it back as 2024年10月2日 09:30', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await newDraft(page, '时间')
    const date = panel(page).getByLabel('发布时间', { exact: true })
    await date.fill('2024-10-2 9:30')
    await date.blur()
    await expect.poll(() => date.inputValue()).toBe('2024年10月2日 09:30')
    await saved(page)
    expect((await savedDraft(dataDir)).metadata).toMatchObject({ publishAt: '2024-10-02T09:30:00+08:00' })
    await date.fill('2024年13月2日')
    await expect.poll(() => panel(page).getByRole('alert').textContent()).toContain('2024年10月2日 09:30')
    expect(await date.getAttribute('aria-invalid')).toBe('true')
  })
})
