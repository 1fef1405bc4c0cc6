/// <reference lib="dom" />
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { statusText, workflowBar, writeNewDraft } from './workflowHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '我校召开三审制度推进会'

async function openSettingsTab(page: Page, tab: string) {
  await page.getByRole('button', { name: '设置', exact: true }).click()
  const settings = page.getByRole('dialog', { name: '设置' })
  await settings.getByRole('tab', { name: tab }).click()
  return settings
}

/** Clicks the step's button; the dialog opens with the signer offered; a PIN is typed and Enter signs when given. */
async function signStep(page: Page, button: string, name: string, pin?: string): Promise<void> {
  await workflowBar(page).getByRole('button', { name: button, exact: true }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('textbox', { name: '签字人' }).fill(name)
  if (pin !== undefined) {
    const pinField = dialog.getByLabel('PIN')
    await expect.poll(() => pinField.count()).toBe(1)
    await pinField.fill(pin)
    await pinField.press('Enter')
  } else {
    await dialog.locator('button[type=submit]').click()
  }
  // A PIN costs a deliberate scrypt (about half a second on a busy machine) before the dialog closes.
  await expect.poll(async () => ((await page.getByRole('dialog').count()) === 0 ? '' : await page.getByRole('dialog').textContent()), { timeout: 10_000 }).toBe('')
}

suite('the office chain, signed, through the UI', () => {
  let app: LaunchedApp | undefined
  let other: LaunchedApp | undefined
  let out: string
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'newsroom-chain-'))
  })
  afterEach(async () => {
    for (const launched of [app, other]) if (launched) expect(launched.pageErrors).toEqual([])
    await app?.close()
    await other?.close()
    app = undefined
    other = undefined
  })
  afterAll(async () => {
    await shutdownBrowser()
    await rm(out, { recursive: true, force: true })
  })

  it('a three-step chain (初审 → 复审 → 终审) is set, signed with a PIN, handed to another desk and verified there', async () => {
    app = await launchApp()
    const { page } = app

    // The office's chain and a signing key for the 复审 reviewer, in 设置 → 审签流程.
    const settings = await openSettingsTab(page, '审签流程')
    await settings.getByRole('combobox', { name: '流程' }).selectOption({ label: '三审：初审 → 复审 → 终审' })
    await settings.getByRole('textbox', { name: '姓名', exact: true }).fill('刘复审')
    await settings.getByLabel('PIN（至少 4 位）').fill('2580')
    await settings.getByLabel('再输一次 PIN').fill('2580')
    await settings.getByRole('button', { name: '新建密钥' }).click()
    await expect.poll(() => settings.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/已为 刘复审 新建密钥。指纹：([0-9a-f]{4} ){7}[0-9a-f]{4}/)
    const fingerprint = ((await settings.getByRole('status').textContent()) ?? '').replace(/^.*指纹：/, '')
    await settings.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => page.getByRole('dialog', { name: '设置' }).count()).toBe(0)

    await writeNewDraft(page, TITLE, '会议要求各单位落实初审、复审、终审。')
    await signStep(page, '提交初审', '张编辑')
    await expect.poll(() => statusText(page)).toBe('待初审')
    await signStep(page, '初审通过', '陈初审')
    await expect.poll(() => statusText(page)).toBe('待复审')
    // A wrong PIN signs nothing and says so; the right one, then Enter, signs.
    await workflowBar(page).getByRole('button', { name: '复审通过', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('textbox', { name: '签字人' }).fill('刘复审')
    await expect.poll(() => dialog.getByLabel('PIN').count()).toBe(1)
    await dialog.getByLabel('PIN').fill('0000')
    await dialog.getByLabel('PIN').press('Enter')
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('PIN 不正确')
    expect(await statusText(page)).toBe('待复审')
    await page.getByRole('button', { name: '取消', exact: true }).click()
    await signStep(page, '复审通过', '刘复审', '2580')
    await expect.poll(() => statusText(page)).toBe('待终审')
    await expect.poll(() => workflowBar(page).textContent()).toMatch(/复审 ✓ 刘复审 .*已验证/)
    await signStep(page, '终审通过', '王终审')
    await expect.poll(() => statusText(page)).toBe('已终审')
    await expect.poll(() => workflowBar(page).getByRole('button', { name: '发布', exact: true }).count()).toBe(1)

    // The 复审 signer's key goes to the other desk in the staff list; the draft in a package.
    const csv = join(out, '人员.csv')
    const directory = await openSettingsTab(page, '通讯录')
    app.dialogs.answerSave(csv)
    await directory.getByRole('button', { name: '导出 CSV…' }).click()
    await expect.poll(() => readFile(csv, 'utf8').catch(() => '')).toContain('公钥')
    await page.getByRole('dialog', { name: '设置' }).getByRole('button', { name: /^(取消|关闭)$/ }).click()
    const pkg = join(out, '三审.newsroom')
    app.dialogs.answerSave(pkg)
    await workflowBar(page).getByRole('button', { name: '导出稿件包' }).click()
    await expect.poll(() => workflowBar(page).textContent()).toContain('稿件包已保存')

    // The other desk runs the same chain and takes in the staff list: the key is there but not trusted yet.
    other = await launchApp()
    const desk = other.page
    const chainTab = await openSettingsTab(desk, '审签流程')
    await chainTab.getByRole('combobox', { name: '流程' }).selectOption({ label: '三审：初审 → 复审 → 终审' })
    await chainTab.getByRole('button', { name: '保存' }).click()
    const people = await openSettingsTab(desk, '通讯录')
    other.dialogs.answerOpen([csv])
    await people.getByRole('button', { name: '导入 CSV…' }).click()
    await people.getByRole('button', { name: '确认导入' }).click()
    await expect.poll(() => people.textContent()).toContain('已导入')
    await desk.getByRole('dialog', { name: '设置' }).getByRole('button', { name: /^(取消|关闭)$/ }).click()

    other.dialogs.answerOpen([pkg])
    await desk.getByRole('button', { name: '导入稿件包' }).click()
    await expect.poll(() => desk.getByRole('textbox', { name: '标题', exact: true }).inputValue()).toBe(TITLE)
    // Unconfirmed key: every sign-off is 未验证 here (the typed ones too), so the chain starts over; the gate stays shut.
    await expect.poll(() => statusText(desk)).toBe('待初审')
    await expect.poll(() => workflowBar(desk).textContent()).toContain('未验证')
    expect(await workflowBar(desk).getByRole('button', { name: '发布', exact: true }).count()).toBe(0)

    // Compare the fingerprint with 刘复审, confirm it, and import the package again: 已验证.
    const keys = await openSettingsTab(desk, '审签流程')
    const row = keys.getByRole('list', { name: '通讯录中的公钥' }).getByRole('listitem').filter({ hasText: '刘复审' })
    expect(await row.textContent()).toContain(fingerprint)
    expect(await row.textContent()).toContain('未确认')
    await row.getByRole('button', { name: '已核对，信任' }).click()
    await expect.poll(() => row.textContent()).toContain('已信任')
    await desk.getByRole('dialog', { name: '设置' }).getByRole('button', { name: /^(取消|关闭)$/ }).click()
    other.dialogs.answerOpen([pkg])
    await desk.getByRole('button', { name: '导入稿件包' }).click()
    await desk.getByRole('dialog', { name: '这篇稿件已经在本机' }).getByRole('button', { name: '替换现有稿件' }).click()
    await expect.poll(() => workflowBar(desk).textContent()).toMatch(/复审 ✓ 刘复审 .*已验证/)
    // 初审 and 终审 were typed names on the first desk: they stay 未验证 here until signed again.
    await expect.poll(() => statusText(desk)).toBe('待初审')
    await signStep(desk, '初审通过', '赵初审')
    await expect.poll(() => statusText(desk)).toBe('待终审')
    await signStep(desk, '终审通过', '钱终审')
    await expect.poll(() => statusText(desk)).toBe('已终审')
    await expect.poll(() => workflowBar(desk).getByRole('button', { name: '发布', exact: true }).count()).toBe(1)
  }, 120_000)
})
