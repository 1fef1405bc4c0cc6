/// <reference lib="dom" />
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { statusText, workflowBar } from './workflowHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '学校召开全年工作会议'
// Two errors a proofreader fears: a zero in a year written in Chinese numerals, a half-width comma.
const TYPED = '二0二四年，学校召开会议,部署全年工作。'
const REASON = '沿用来稿原文，已与供稿单位确认'

const checksPanel = (page: Page) => page.getByRole('region', { name: '检查' })
const finding = (page: Page, ruleId: string) => checksPanel(page).locator(`.checks-item[data-rule="${ruleId}"]`)
const highlighted = (page: Page, name: string) => page.evaluate((highlight) => CSS.highlights.get(highlight)?.size ?? 0, name)
const markedText = (page: Page) =>
  page.evaluate(() => [...(CSS.highlights.get('newsroom-check-error') ?? [])].map((range) => (range as Range).toString()).sort())

suite('发布前检查 while writing and at every sign-off', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(async () => {
    await shutdownBrowser()
  })

  it('marks errors as they are typed, fixes one in a click, waives one with a reason, and the reviewer sees the waiver', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await page.getByRole('textbox', { name: '标题', exact: true }).fill(TITLE)
    const body = page.getByRole('textbox', { name: '正文' })
    await body.click()
    await page.keyboard.insertText(TYPED)

    // Within a second of typing stopping: the marks under the text and the panel's entries.
    const typedAt = Date.now()
    await expect.poll(() => markedText(page), { timeout: 5000 }).toEqual([',', '二0二四'])
    expect(Date.now() - typedAt).toBeLessThan(2000)
    await expect.poll(() => finding(page, 'punct.halfwidth').count()).toBe(1)
    await expect.poll(() => finding(page, 'number.zero-in-year').count()).toBe(1)
    expect(await checksPanel(page).getByRole('status').textContent()).toMatch(/错误 2/)

    // 定位 selects the marked text in the body.
    await finding(page, 'number.zero-in-year').getByRole('button', { name: /^定位/ }).click()
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('二0二四')

    // One click fixes the comma; the mark and the entry go, and only the comma changed.
    await finding(page, 'punct.halfwidth').getByRole('button', { name: /^改为“，”/ }).click()
    await expect.poll(() => body.textContent()).toBe('二0二四年，学校召开会议，部署全年工作。')
    await expect.poll(() => finding(page, 'punct.halfwidth').count()).toBe(0)
    await expect.poll(() => markedText(page)).toEqual(['二0二四'])

    // 忽略 on an error wants a reason.
    const year = finding(page, 'number.zero-in-year')
    await year.getByRole('button', { name: /^忽略/ }).click()
    await year.getByRole('button', { name: '确定忽略' }).click()
    await expect.poll(() => year.getByRole('alert').textContent()).toBe('请写明忽略这个错误的理由。')
    await year.getByRole('textbox').fill(REASON)
    await year.getByRole('textbox').press('Enter')
    await expect.poll(() => year.textContent()).toContain(`已忽略：${REASON}`)
    await expect.poll(() => highlighted(page, 'newsroom-check-error')).toBe(0)

    // The marks never reach the saved article.
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已保存')
    const saved = await draftJson(dataDir)
    expect(JSON.stringify(saved.body)).not.toMatch(/highlight|check/i)
    expect(saved.body.root.children[0].children.map((node: { text: string }) => node.text).join('')).toBe('二0二四年，学校召开会议，部署全年工作。')

    // 提交校对 shows what ran and what is let through.
    await workflowBar(page).getByRole('button', { name: '提交校对', exact: true }).click()
    let dialog = page.getByRole('dialog')
    const submitChecks = dialog.getByTestId('signoff-checks')
    await expect.poll(() => submitChecks.textContent()).toMatch(/已运行 \d+ 项检查：错误 1/)
    expect(await submitChecks.textContent()).toContain(REASON)
    await dialog.getByRole('textbox', { name: '签字人' }).fill('张编辑')
    await dialog.locator('button[type=submit]').click()
    await expect.poll(() => statusText(page)).toBe('待校对')
    // Main checked the stored draft again and kept the waiver in the submission's record.
    const submitted = (await draftJson(dataDir)).signOffs.find((s: { action: string }) => s.action === 'submit')
    expect(submitted.waivers).toEqual([{ ruleId: 'number.zero-in-year', finding: expect.stringContaining('二0二四'), reason: REASON, by: '张编辑', key: 'number.zero-in-year|body|二0二四' }])

    // 校对 signs with the waiver, in their own name.
    await workflowBar(page).getByRole('button', { name: '校对通过', exact: true }).click()
    dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.getByTestId('signoff-checks').textContent()).toContain('将随本次签署记录的放行（1）')
    await dialog.getByRole('textbox', { name: '签字人' }).fill('李校对')
    await dialog.locator('button[type=submit]').click()
    await expect.poll(() => statusText(page)).toBe('待审核')
    const proofread = (await draftJson(dataDir)).signOffs.find((s: { stepId: string }) => s.stepId === 'proofread')
    expect(proofread.waivers).toEqual([{ ruleId: 'number.zero-in-year', finding: expect.stringContaining('二0二四'), reason: REASON, by: '李校对', key: 'number.zero-in-year|body|二0二四' }])
    await app.close()

    // The reviewer, on a desk that never saw the ignore: the finding shows as waived by the proofreader.
    app = await launchApp({ dataDir })
    const reviewer = app.page
    await expect.poll(() => finding(reviewer, 'number.zero-in-year').textContent(), { timeout: 10_000 }).toContain(`李校对 已放行：${REASON}`)
    await workflowBar(reviewer).getByRole('button', { name: '审核通过', exact: true }).click()
    dialog = reviewer.getByRole('dialog')
    const reviewChecks = dialog.getByTestId('signoff-checks')
    await expect.poll(() => reviewChecks.textContent()).toContain('没有未处理的错误')
    expect(await reviewChecks.textContent()).toContain(REASON)
    await dialog.getByRole('textbox', { name: '签字人' }).fill('王审核')
    await dialog.locator('button[type=submit]').click()
    await expect.poll(() => statusText(reviewer)).toBe('已审核')

    // 历史版本 and 操作记录 name the waiver, who made it and the rule.
    await workflowBar(reviewer).getByRole('button', { name: '历史版本' }).click()
    const history = reviewer.getByRole('dialog')
    // Newest first: the review's version, the proofread's, the submission's, each with its own signer's waiver.
    await expect.poll(() => history.getByTestId('waivers').count()).toBe(3)
    const versions = await history.getByTestId('waivers').allTextContents()
    expect(versions[0]).toContain('王审核 放行 number.zero-in-year')
    expect(versions[1]).toContain('李校对 放行 number.zero-in-year')
    expect(versions[2]).toContain('张编辑 放行 number.zero-in-year')
    expect(versions[1]).toContain(REASON)
    await history.getByRole('button', { name: '关闭' }).click()
    await workflowBar(reviewer).getByRole('button', { name: '操作记录' }).click()
    const audit = reviewer.getByRole('dialog')
    await expect.poll(() => audit.getByTestId('waivers').count()).toBe(3)
    expect((await audit.getByTestId('waivers').allTextContents()).join('\n')).toContain(REASON)
  })

  it('an answer that changes no finding repaints nothing; a finding that appeared or moved is painted anew', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await page.getByRole('textbox', { name: '标题', exact: true }).fill(TITLE)
    await page.getByRole('textbox', { name: '正文' }).click()
    await page.keyboard.insertText(TYPED)
    await page.keyboard.press('Enter')
    await page.keyboard.insertText('会议由党委办公室组织')
    await expect.poll(() => markedText(page), { timeout: 5000 }).toEqual([',', '二0二四'])
    const answers = () => page.evaluate(() => performance.getEntriesByName('newsroom-checks:applied').length)
    const typed = async (text: string) => {
      const before = await answers()
      await page.keyboard.insertText(text)
      await expect.poll(answers, { timeout: 5000 }).toBeGreaterThan(before)
      // Any check still scheduled has answered too.
      await page.waitForTimeout(600)
    }
    // The error highlight and its ranges as first painted; which of those ranges are still painted later.
    await page.evaluate(() => {
      const own = window as unknown as { firstMarks: Highlight; firstRanges: AbstractRange[] }
      own.firstMarks = CSS.highlights.get('newsroom-check-error') as Highlight
      own.firstRanges = [...own.firstMarks]
    })
    const painted = () =>
      page.evaluate(() => {
        const own = window as unknown as { firstMarks: Highlight; firstRanges: AbstractRange[] }
        const now = [...(CSS.highlights.get('newsroom-check-error') ?? [])]
        return { sameHighlight: CSS.highlights.get('newsroom-check-error') === own.firstMarks, count: now.length, kept: now.filter((r) => own.firstRanges.includes(r)).map((r) => (r as Range).toString()).sort() }
      })

    // Typing in the clean paragraph: the answer finds the same errors, and not one range is rebuilt.
    await typed('和实施')
    expect(await painted()).toEqual({ sameHighlight: true, count: 2, kept: [',', '二0二四'] })

    // A new error there: its mark is added beside the others, which stay as they were.
    await typed(',会后')
    expect(await markedText(page)).toEqual([',', ',', '二0二四'])
    expect(await painted()).toEqual({ sameHighlight: true, count: 3, kept: [',', '二0二四'] })

    // Typing before the first paragraph's errors moves them: their marks are built anew, over the same text.
    await page.keyboard.press('Control+Home')
    await typed('今')
    expect(await markedText(page)).toEqual([',', ',', '二0二四'])
    expect(await painted()).toEqual({ sameHighlight: true, count: 3, kept: [] })
  })

  it('an error nobody waived keeps 提交校对 from going through', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await page.getByRole('textbox', { name: '标题', exact: true }).fill(TITLE)
    await page.getByRole('textbox', { name: '正文' }).click()
    await page.keyboard.insertText('学校召开会议,部署全年工作。')
    await expect.poll(() => finding(page, 'punct.halfwidth').count()).toBe(1)

    await workflowBar(page).getByRole('button', { name: '提交校对', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.getByTestId('signoff-checks').textContent()).toContain('还有 1 个错误未处理')
    await dialog.getByRole('textbox', { name: '签字人' }).fill('张编辑')
    await dialog.locator('button[type=submit]').click()
    await expect.poll(() => dialog.locator('.field-error').textContent()).toContain('还有 1 个错误未处理')
    expect(await statusText(page)).toBe('草稿')

    // Waived in the dialog itself, with a reason: now it goes through.
    await dialog.getByRole('textbox', { name: /^放行理由/ }).fill('英文引文，保留原标点')
    await dialog.getByRole('button', { name: '放行', exact: true }).click()
    await expect.poll(() => dialog.getByTestId('signoff-checks').textContent()).toContain('没有未处理的错误')
    await dialog.locator('button[type=submit]').click()
    await expect.poll(() => statusText(page)).toBe('待校对')
  })

  it('the office’s own word and a leader’s 职务 set in 设置 are checked in the next article', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByRole('button', { name: '设置', exact: true }).click()
    const settings = page.getByRole('dialog', { name: '设置' })
    await settings.getByRole('tab', { name: '通讯录' }).click()
    await settings.getByRole('textbox', { name: '姓名' }).fill('张三')
    const titles = settings.getByRole('group', { name: '张三的职务与排序' })
    await titles.getByRole('button', { name: '添加职务' }).click()
    await titles.getByRole('textbox', { name: '职务' }).fill('副校长')
    await titles.getByLabel('任职起始日期').fill('2020-09-01')
    await titles.getByRole('textbox', { name: '领导排序' }).fill('2')
    await settings.getByRole('button', { name: '添加人员' }).click()
    await expect.poll(() => settings.getByRole('row', { name: /张三/ }).textContent()).toContain('副校长')

    await settings.getByRole('tab', { name: '检查' }).click()
    await settings.getByRole('button', { name: '添加词条' }).click()
    await settings.getByRole('textbox', { name: '第 1 条的词语' }).fill('高大上')
    await settings.getByRole('combobox', { name: '“高大上”的类别' }).selectOption('forbidden')
    await settings.getByRole('textbox', { name: '“高大上”的建议替换' }).fill('高水平')
    await settings.getByRole('textbox', { name: '本校网站域名' }).fill('example.edu.cn\n不是域名')
    await expect.poll(() => settings.getByText('第 2 行无法识别').count()).toBe(1)
    expect(await settings.getByRole('button', { name: '保存' }).isDisabled()).toBe(true)
    await settings.getByRole('textbox', { name: '本校网站域名' }).fill('example.edu.cn')
    await settings.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => app!.services.settings.get().checks.words[0]).toEqual({ word: '高大上', kind: 'forbidden', replacement: '高水平' })
    expect(app.services.settings.get().checks.ownDomains).toEqual(['example.edu.cn'])

    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await page.getByRole('textbox', { name: '标题', exact: true }).fill(TITLE)
    await page.getByRole('textbox', { name: '正文' }).click()
    await page.keyboard.insertText('张三校长出席了这场高大上的活动。')
    await expect.poll(() => finding(page, 'people.wrong-title').textContent()).toContain('副校长')
    await expect.poll(() => finding(page, 'words.forbidden').count()).toBe(1)
    await finding(page, 'words.forbidden').getByRole('button', { name: /^改为“高水平”/ }).click()
    await expect.poll(() => page.getByRole('textbox', { name: '正文' }).textContent()).toBe('张三校长出席了这场高水平的活动。')
  })
})

async function draftJson(dataDir: string) {
  const { readdir } = await import('node:fs/promises')
  const [id] = (await readdir(join(dataDir, 'drafts'))).filter((name) => !name.startsWith('.'))
  return JSON.parse(await readFile(join(dataDir, 'drafts', id!, 'draft.json'), 'utf8'))
}
