/// <reference lib="dom" />
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { startCmsServer, type CmsServer } from '../support/cmsServer'
import { createFaultyFs } from '../support/faultyFs'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

async function openPublishTab(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: '设置', exact: true }).click()
  const settings = page.getByRole('dialog', { name: '设置' })
  await settings.getByRole('tab', { name: '发布' }).click()
  return settings
}

/** Every file under the library folder, as bytes: a secret must be in none of them. */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if ((await readFile(path)).includes(needle)) found.push(path)
  }
  return found
}

suite('publishing targets in the settings', () => {
  let app: LaunchedApp | undefined
  let cms: CmsServer | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    await cms?.close()
    app = undefined
    cms = undefined
  })
  afterAll(shutdownBrowser)

  it('adds a CMS target whose token goes to the secret store only, tests it, and shows the auth failure after a wrong token', async () => {
    cms = await startCmsServer({ token: 'cms-secret-token-7f3a9c' })
    app = await launchApp()
    const { page, dataDir } = app
    const settings = await openPublishTab(page)
    const before = (await app.services.publishing.targets()).targets.map((t) => t.id)

    await settings.getByRole('button', { name: '添加发布目标…' }).click()
    await settings.getByRole('radio', { name: '学校 CMS 接口' }).check()
    await settings.getByRole('textbox', { name: '名称' }).fill('学校 CMS')
    await settings.getByRole('textbox', { name: '接口地址' }).fill(`${cms.url}/`)
    await settings.getByLabel('令牌（Token）').fill(cms.token)
    await settings.getByRole('button', { name: '添加一行' }).click()
    await settings.getByRole('combobox', { name: '第 1 行的我们的字段' }).selectOption('summary')
    await settings.getByRole('textbox', { name: '第 1 行的 CMS 字段名' }).fill('abstract')
    await settings.getByRole('checkbox', { name: '保存后设为默认目标' }).check()
    await settings.getByRole('button', { name: '保存目标' }).click()
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('已保存“学校 CMS”。')

    const view = await app.services.publishing.targets()
    const added = view.targets.filter((t) => !before.includes(t.id))
    expect(added).toEqual([
      { id: expect.stringMatching(/^cms-[0-9a-f]{6}$/), kind: 'cms', name: '学校 CMS', baseUrl: cms.url, siteHosts: [], fieldMapping: { summary: 'abstract' } }
    ])
    const id = added[0]?.id ?? ''
    expect(view.withSecret).toContain(id)
    expect(view.defaultTargetId).toBe(id)
    const stored = await readFile(join(dataDir, 'publish-targets.json'), 'utf8')
    expect(stored).toContain('学校 CMS')
    expect(stored).not.toContain(cms.token)
    expect(await filesContaining(dataDir, cms.token)).toEqual([])

    const cells = settings.getByRole('row', { name: /学校 CMS/ }).first().getByRole('cell')
    expect(await cells.allTextContents()).toEqual(['学校 CMS默认', '学校 CMS 接口', cms.url, '已保存', expect.stringContaining('测试连接')])

    await settings.getByRole('button', { name: '测试连接 学校 CMS' }).click()
    const report = settings.getByRole('region', { name: '学校 CMS 的连接测试结果' })
    await expect.poll(() => report.getByRole('listitem').allTextContents()).toEqual(['地址可访问 ✓', '账号密码正确 ✓', '可以直接发布 ✓'])
    expect(await report.textContent()).toContain('网站栏目：校园动态（编号 c1）、通知公告（编号 c2）')
    expect(cms.requests).toContain('GET /columns')

    // Editing without typing the token keeps the stored one: the field starts empty and says so.
    await settings.getByRole('button', { name: '编辑 学校 CMS' }).click()
    const token = settings.getByLabel('令牌（Token）')
    expect(await token.inputValue()).toBe('')
    expect(await settings.getByText('已保存；留空则不修改').count()).toBe(1)
    await settings.getByRole('textbox', { name: '名称' }).fill('学校新闻 CMS')
    await settings.getByRole('button', { name: '保存目标' }).click()
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('已保存“学校新闻 CMS”。')
    await settings.getByRole('button', { name: '测试连接 学校新闻 CMS' }).click()
    const renamed = settings.getByRole('region', { name: '学校新闻 CMS 的连接测试结果' })
    await expect.poll(() => renamed.getByRole('listitem').allTextContents()).toEqual(['地址可访问 ✓', '账号密码正确 ✓', '可以直接发布 ✓'])

    await settings.getByRole('button', { name: '编辑 学校新闻 CMS' }).click()
    await settings.getByLabel('令牌（Token）').fill('wrong-token-5511')
    await settings.getByRole('button', { name: '保存目标' }).click()
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('已保存“学校新闻 CMS”。')
    expect((await app.services.publishing.targets()).targets.map((t) => t.id)).toEqual([...before, id])
    await settings.getByRole('button', { name: '测试连接 学校新闻 CMS' }).click()
    await expect.poll(() => renamed.getByRole('listitem').allTextContents()).toEqual(['地址可访问 ✓', '账号密码正确 ✗'])
    const failure = renamed.getByRole('alert')
    expect(await failure.textContent()).toBe('用户名或应用密码（令牌）不正确，网站拒绝登录（401）。请在“设置 → 发布”中重新填写。')
    const technical = (await failure.getAttribute('title')) ?? ''
    expect(technical).not.toBe('')
    expect(technical).not.toContain('wrong-token-5511')
    expect(await filesContaining(dataDir, 'wrong-token-5511')).toEqual([])

    // Deleting says the token goes too, and it does.
    await settings.getByRole('button', { name: '删除 学校新闻 CMS' }).click()
    const confirm = page.getByRole('alertdialog', { name: '删除发布目标“学校新闻 CMS”？' })
    expect(await confirm.textContent()).toContain('保存在本机的密码或令牌也会一并删除。')
    await confirm.getByRole('button', { name: '删除' }).click()
    await expect.poll(async () => (await app!.services.publishing.targets()).targets.map((t) => t.id)).toEqual(before)
    expect((await app.services.publishing.targets()).withSecret).not.toContain(id)
  })

  it('refuses a WordPress address without https:// in words, keeps what was typed, and saves once it is corrected', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    const settings = await openPublishTab(page)
    await settings.getByRole('button', { name: '添加发布目标…' }).click()
    await settings.getByRole('radio', { name: 'WordPress' }).check()
    await settings.getByRole('textbox', { name: '名称' }).fill('学校新闻网')
    const address = settings.getByRole('textbox', { name: '网站地址' })
    await address.fill('news.example.edu.cn')
    await settings.getByRole('textbox', { name: '用户名' }).fill('xuanchuanbu')
    await settings.getByLabel('应用密码').fill('abcd efgh ijkl mnop')
    await settings.getByRole('combobox', { name: '默认发布状态' }).selectOption({ label: '待审' })
    await settings.getByRole('button', { name: '添加一行' }).click()
    // The column field offers the office's columns (a datalist), so it is a combobox.
    await settings.getByRole('combobox', { name: '第 1 行的栏目' }).fill('校园动态')
    await settings.getByRole('spinbutton', { name: '第 1 行的分类编号' }).fill('12')
    await settings.getByRole('button', { name: '保存目标' }).click()

    await expect.poll(() => settings.getByText('请填写以 https:// 或 http:// 开头的完整网址。').count()).toBe(1)
    expect(await address.getAttribute('aria-invalid')).toBe('true')
    expect((await app.services.publishing.targets()).targets.filter((t) => t.kind === 'wordpress')).toEqual([])
    expect(await readdir(dataDir)).not.toContain('publish-targets.json')
    // Nothing typed was lost, the password included.
    expect(await settings.getByLabel('应用密码').inputValue()).toBe('abcd efgh ijkl mnop')

    await address.fill('https://news.example.edu.cn/')
    await expect.poll(() => settings.getByText('请填写以 https:// 或 http:// 开头的完整网址。').count()).toBe(0)
    await settings.getByRole('button', { name: '保存目标' }).click()
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('已保存“学校新闻网”。')
    const view = await app.services.publishing.targets()
    const saved = view.targets.filter((t) => t.kind === 'wordpress')
    expect(saved).toMatchObject([
      { kind: 'wordpress', name: '学校新闻网', baseUrl: 'https://news.example.edu.cn', username: 'xuanchuanbu', defaultStatus: 'pending', categoryMap: { 校园动态: 12 } }
    ])
    expect(view.withSecret).toContain(saved[0]?.id)
    expect(await filesContaining(dataDir, 'abcd efgh ijkl mnop')).toEqual([])
  })

  it('speaks English when the UI does', async () => {
    app = await launchApp({ settings: { language: 'en' } })
    const { page } = app
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await settings.getByRole('tab', { name: 'Publishing' }).click()
    await settings.getByRole('button', { name: 'Add a publishing target…' }).click()
    await settings.getByRole('radio', { name: 'School CMS API' }).check()
    await settings.getByRole('textbox', { name: 'Name' }).fill('School CMS')
    await settings.getByRole('textbox', { name: 'API address' }).fill('cms.example.edu')
    await settings.getByRole('button', { name: 'Save target' }).click()
    await expect.poll(() => settings.getByText('Enter a full address starting with https:// or http://.').count()).toBe(1)
    expect(await settings.getByText('Enter the password or token; without it nothing can be published.').count()).toBe(1)
    expect((await app.services.publishing.targets()).targets.filter((t) => t.kind === 'cms')).toEqual([])
  })

  it('adds and edits local folders, changes the default, deletes one after confirming, and shows a failed save without losing the form', async () => {
    const fs = createFaultyFs()
    app = await launchApp({ fs })
    const { page } = app
    const sites = await mkdtemp(join(tmpdir(), 'newsroom-site-'))
    const settings = await openPublishTab(page)
    const before = (await app.services.publishing.targets()).targets.map((t) => t.id)

    await settings.getByRole('button', { name: '添加发布目标…' }).click()
    expect(await settings.getByRole('radio', { name: '本地网站文件夹' }).isChecked()).toBe(true)
    await settings.getByRole('textbox', { name: '名称' }).fill('校报网站')
    // Enter in a target field must not submit (and close) the settings dialog around the tab.
    await settings.getByRole('textbox', { name: '名称' }).press('Enter')
    // The folder from the system's dialog (cancelling it changes nothing).
    app.dialogs.answerOpen([])
    await settings.getByRole('button', { name: '选择文件夹…' }).click()
    await expect.poll(() => app?.dialogs.asked.at(-1)).toEqual({ kind: 'open', purpose: 'site-folder' })
    expect(await settings.getByRole('textbox', { name: '网站文件夹' }).inputValue()).toBe('')
    app.dialogs.answerOpen([join(sites, 'main')])
    await settings.getByRole('button', { name: '选择文件夹…' }).click()
    await expect.poll(() => settings.getByRole('textbox', { name: '网站文件夹' }).inputValue()).toBe(join(sites, 'main'))
    await settings.getByRole('button', { name: '保存目标' }).click()
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('已保存“校报网站”。')

    await settings.getByRole('button', { name: '添加发布目标…' }).click()
    await settings.getByRole('textbox', { name: '名称' }).fill('备用文件夹')
    // An empty folder is named as the problem once the field is left; the field takes no typing, only the dialog.
    await settings.getByRole('textbox', { name: '网站文件夹' }).focus()
    await settings.getByRole('textbox', { name: '名称' }).focus()
    await expect.poll(() => settings.getByText('请用“选择文件夹…”选择网站文件夹。').count()).toBe(1)
    expect(await settings.getByRole('textbox', { name: '网站文件夹' }).isEditable()).toBe(false)
    app.dialogs.answerOpen([join(sites, 'spare')])
    await settings.getByRole('button', { name: '选择文件夹…' }).click()
    await expect.poll(() => settings.getByRole('textbox', { name: '网站文件夹' }).inputValue()).toBe(join(sites, 'spare'))

    fs.fail('disk-full', { only: (path) => path.includes('publish-targets'), failOpen: true })
    await settings.getByRole('button', { name: '保存目标' }).click()
    await expect.poll(() => settings.getByRole('alert').textContent()).toContain('没有保存：磁盘空间已满')
    expect(await settings.getByRole('textbox', { name: '名称' }).inputValue()).toBe('备用文件夹')
    expect(await settings.getByRole('textbox', { name: '网站文件夹' }).inputValue()).toBe(join(sites, 'spare'))
    fs.heal()
    await settings.getByRole('button', { name: '保存目标' }).click()
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('已保存“备用文件夹”。')

    let view = await app.services.publishing.targets()
    const added = view.targets.filter((t) => !before.includes(t.id))
    const [main, spare] = added
    expect(added).toMatchObject([
      { kind: 'local', name: '校报网站', folder: join(sites, 'main') },
      { kind: 'local', name: '备用文件夹', folder: join(sites, 'spare') }
    ])
    expect(main?.id).toMatch(/^local-[0-9a-f]{6}$/)
    expect(view.defaultTargetId).not.toBe(spare?.id)

    await settings.getByRole('button', { name: '将 备用文件夹 设为默认' }).click()
    await expect.poll(async () => (await app!.services.publishing.targets()).defaultTargetId).toBe(spare?.id)
    const nameCell = (name: RegExp) => settings.getByRole('row', { name }).first().getByRole('cell').first()
    await expect.poll(() => nameCell(/备用文件夹/).textContent()).toBe('备用文件夹默认')
    expect(await nameCell(/校报网站/).textContent()).toBe('校报网站')

    await settings.getByRole('button', { name: '编辑 备用文件夹' }).click()
    expect(await settings.getByRole('textbox', { name: '网站文件夹' }).inputValue()).toBe(join(sites, 'spare'))
    app.dialogs.answerOpen([join(sites, 'spare-2')])
    await settings.getByRole('button', { name: '选择文件夹…' }).click()
    await expect.poll(() => settings.getByRole('textbox', { name: '网站文件夹' }).inputValue()).toBe(join(sites, 'spare-2'))
    await settings.getByRole('button', { name: '保存目标' }).click()
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('已保存“备用文件夹”。')
    view = await app.services.publishing.targets()
    expect(view.targets.find((t) => t.id === spare?.id)).toMatchObject({ folder: join(sites, 'spare-2') })
    expect(view.targets).toHaveLength(before.length + 2)

    await settings.getByRole('button', { name: '测试连接 备用文件夹' }).click()
    const report = settings.getByRole('region', { name: '备用文件夹 的连接测试结果' })
    await expect.poll(() => report.getByRole('listitem').allTextContents()).toEqual(['文件夹可以写入 ✓'])
    expect(await readdir(sites)).toContain('spare-2')

    // Cancelling the confirmation deletes nothing.
    await settings.getByRole('button', { name: '删除 备用文件夹' }).click()
    const confirm = page.getByRole('alertdialog', { name: '删除发布目标“备用文件夹”？' })
    expect(await confirm.textContent()).not.toContain('密码或令牌')
    await confirm.getByRole('button', { name: '取消' }).click()
    expect((await app.services.publishing.targets()).targets).toHaveLength(before.length + 2)
    await settings.getByRole('button', { name: '删除 备用文件夹' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click()
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('已删除“备用文件夹”。')
    view = await app.services.publishing.targets()
    expect(view.targets.map((t) => t.id)).toEqual([...before, main?.id])
    // The default falls back to the first target left, and the list marks exactly that one.
    expect(view.defaultTargetId).toBe(view.targets[0]?.id)
    expect(await settings.getByText('默认', { exact: true }).count()).toBe(1)
    // The settings dialog itself stayed open throughout: the tab saves on its own.
    expect(await settings.isVisible()).toBe(true)
  })
})
