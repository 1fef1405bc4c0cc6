/// <reference lib="dom" />
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

async function openDirectory(page: Page) {
  await page.getByRole('button', { name: '设置', exact: true }).click()
  const settings = page.getByRole('dialog', { name: '设置' })
  await settings.getByRole('tab', { name: '通讯录' }).click()
  return settings
}

suite('office directory', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('adds a person in the settings, who is then suggested in the 供稿 field and chosen with the keyboard', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    const settings = await openDirectory(page)
    await settings.getByRole('textbox', { name: '姓名' }).fill('张晓明')
    await settings.getByRole('group', { name: '角色' }).getByRole('checkbox', { name: '供稿' }).check()
    await settings.getByRole('combobox', { name: '部门', exact: true }).fill('双高办')
    await settings.getByRole('button', { name: '添加人员' }).click()
    await expect.poll(() => settings.getByRole('row', { name: /张晓明/ }).textContent()).toContain('供稿')
    await settings.getByRole('textbox', { name: '新部门名称' }).fill('宣传部')
    await settings.getByRole('button', { name: '添加部门' }).click()
    await expect.poll(() => settings.getByRole('button', { name: '删除 宣传部' }).count()).toBe(1)
    // 通讯录 applies at once, and the dialog says so: nothing waits for 保存, so the way out is 关闭.
    expect(await settings.getByTestId('settings-save-model').textContent()).toBe('本页的修改会立即生效，不需要点“保存”。')
    await settings.getByRole('button', { name: '关闭' }).click()
    const stored = JSON.parse(await readFile(join(dataDir, 'directory.json'), 'utf8'))
    expect(stored.people).toMatchObject([{ name: '张晓明', roles: ['author'], department: '双高办' }])

    await page.getByRole('button', { name: '新建稿件' }).first().click()
    const authors = page.getByRole('complementary', { name: '稿件信息' }).getByRole('combobox', { name: '供稿', exact: true })
    await authors.click()
    // Pinyin initials find the name.
    await page.keyboard.type('zxm')
    const list = page.getByRole('listbox', { name: '通讯录建议' }).filter({ has: page.getByRole('option') })
    await expect.poll(() => list.getByRole('option').allTextContents()).toEqual(['张晓明'])
    expect(await authors.getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('ArrowDown')
    const active = await authors.getAttribute('aria-activedescendant')
    expect(active).toBeTruthy()
    expect(await page.locator(`[id="${active ?? ''}"]`).textContent()).toBe('张晓明')
    expect(await page.locator(`[id="${active ?? ''}"]`).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('button', { name: '移除 张晓明' }).count()).toBe(1)
    expect(await authors.inputValue()).toBe('')
    expect(await authors.getAttribute('aria-expanded')).toBe('false')

    // 供稿单位 suggests departments.
    const department = page.getByRole('complementary', { name: '稿件信息' }).getByRole('combobox', { name: '供稿单位' })
    await department.fill('宣')
    await expect.poll(() => list.getByRole('option').allTextContents()).toEqual(['宣传部'])
  })

  it('imports a staff list after showing what it will do, line by line, and exports it again', async () => {
    app = await launchApp()
    const { page } = app
    const folder = await mkdtemp(join(tmpdir(), 'newsroom-csv-'))
    const csv = join(folder, '人员名单.csv')
    const lines = ['姓名,角色,部门', '李四,校对,宣传部', ',供稿,双高办', '王五,审核、主编,宣传部', '赵六,摄影;供稿,双高办']
    await writeFile(csv, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')

    const settings = await openDirectory(page)
    app.dialogs.answerOpen([csv])
    await settings.getByRole('button', { name: '导入 CSV…' }).click()
    const preview = settings.getByRole('region', { name: /导入预览/ })
    await expect.poll(() => preview.getByTestId('csv-preview-summary').textContent()).toBe('新增 3 人，更新 0 人，不变 0 人，新增部门 2 个。')
    expect(await preview.getByRole('listitem').allTextContents()).toEqual(['第 3 行：没有姓名', '第 4 行：不认识的角色“主编”，已略去'])
    // Nothing has changed yet.
    expect(await settings.getByRole('row', { name: /李四/ }).count()).toBe(0)

    await preview.getByRole('button', { name: '确认导入' }).click()
    await expect.poll(() => settings.getByText('已导入：新增 3 人，更新 0 人。').count()).toBe(1)
    expect(await settings.getByRole('row', { name: /李四/ }).textContent()).toContain('校对')
    expect(await settings.getByRole('row', { name: /赵六/ }).textContent()).toContain('供稿、摄影')
    expect(await settings.getByRole('row', { name: /王五/ }).textContent()).toContain('宣传部')

    const exported = join(folder, '导出.csv')
    app.dialogs.answerSave(exported)
    await settings.getByRole('button', { name: '导出 CSV…' }).click()
    await expect.poll(() => settings.getByText(`已导出到 ${exported}`).count()).toBe(1)
    const text = await readFile(exported, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text).toContain('李四')
    expect(text).toContain('赵六')
  })
})
