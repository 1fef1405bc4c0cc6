/// <reference lib="dom" />
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '我校召开2026年秋季学期宣传工作会议'
const BODY = '11月20日下午，宣传部在行政楼第一会议室召开宣传工作会议。'

async function newDraft(page: Page, title: string, body: string): Promise<void> {
  await page.getByRole('button', { name: '新建稿件' }).first().click()
  const titleField = page.getByRole('textbox', { name: '标题' })
  await expect.poll(() => titleField.evaluate((el) => el === document.activeElement)).toBe(true)
  await titleField.fill(title)
  const editor = page.getByRole('textbox', { name: '正文' })
  await editor.click()
  await page.keyboard.insertText(body)
  // The quiet time (800 ms) and the save itself: more than expect.poll's default second on a busy machine.
  await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 5000 }).toContain('已保存')
}

async function draftFiles(dataDir: string): Promise<{ id: string; json: { title: string; body: unknown } }[]> {
  const ids = (await readdir(join(dataDir, 'drafts'))).filter((n) => !n.startsWith('.'))
  return Promise.all(ids.map(async (id) => ({ id, json: JSON.parse(await readFile(join(dataDir, 'drafts', id, 'draft.json'), 'utf8')) })))
}

suite('drafts end to end', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('greets a newcomer with an empty library that says what to do', async () => {
    app = await launchApp()
    await expect.poll(() => app!.page.getByText('还没有稿件').count()).toBeGreaterThan(0)
  })

  it('creates a draft, types a Chinese title and body, and finds it again after a reload and a relaunch', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await newDraft(page, TITLE, BODY)

    const [saved] = await draftFiles(dataDir)
    expect(saved?.json.title).toBe(TITLE)
    expect(JSON.stringify(saved?.json.body)).toContain(BODY)

    await page.reload()
    await expect.poll(() => page.getByRole('textbox', { name: '标题' }).inputValue()).toBe(TITLE)
    await expect.poll(() => page.getByRole('textbox', { name: '正文' }).textContent()).toContain(BODY)

    // Close the app and start it again on the same folder: the draft is listed and opens.
    await app.close()
    app = await launchApp({ dataDir })
    await expect.poll(() => app!.page.getByText(TITLE).count()).toBeGreaterThan(0)
    await expect.poll(() => app!.page.getByRole('textbox', { name: '正文' }).textContent()).toContain(BODY)
  })

  it('saves pending edits when the window is about to close', async () => {
    app = await launchApp({ settings: { autosaveDelayMs: 10_000 } })
    const { page, dataDir } = app
    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await page.getByRole('textbox', { name: '标题' }).fill('关窗前的最后一句')
    await expect.poll(() => page.getByRole('status').first().textContent()).not.toContain('已保存')
    expect(await app.requestFlush()).toBe('flushed')
    const [saved] = await draftFiles(dataDir)
    expect(saved?.json.title).toBe('关窗前的最后一句')
  })

  it('does not keep a new draft left untouched, on switching, on creating another or after closing; one with anything in it stays', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    const newButton = page.getByRole('button', { name: '新建稿件' }).first()
    const titleField = page.getByRole('textbox', { name: '标题' })
    const focused = () => expect.poll(() => titleField.evaluate((el) => el === document.activeElement)).toBe(true)
    const onDisk = async () => (await draftFiles(dataDir)).length

    await newDraft(page, '已有的稿件', '正文')
    // Left untouched, then another new draft: the first is gone.
    await newButton.click()
    await focused()
    const untouched = (await draftFiles(dataDir)).find((f) => f.json.title === '')!.id
    await newButton.click()
    await focused()
    await expect.poll(async () => (await draftFiles(dataDir)).some((f) => f.id === untouched)).toBe(false)
    expect(await onDisk()).toBe(2)

    // Only 稿件信息 filled in: kept when the person switches to another draft.
    await page.getByRole('textbox', { name: '副题' }).fill('只填了副标题')
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 5000 }).toContain('已保存')
    await page.locator('button.draft-open', { hasText: '已有的稿件' }).click()
    await expect.poll(() => titleField.inputValue()).toBe('已有的稿件')
    expect(await onDisk()).toBe(2)

    // Untouched, then another draft opened from the list: gone, and not listed.
    await newButton.click()
    await focused()
    expect(await onDisk()).toBe(3)
    await page.locator('button.draft-open', { hasText: '已有的稿件' }).click()
    await expect.poll(() => onDisk()).toBe(2)
    await expect.poll(() => page.locator('button.draft-open').count()).toBe(2)

    // Untouched when the app is closed: not listed at the next start.
    await newButton.click()
    await focused()
    expect(await onDisk()).toBe(3)
    await app.close()
    app = await launchApp({ dataDir })
    await expect.poll(() => app!.page.locator('button.draft-open').count()).toBe(2)
    expect(await onDisk()).toBe(2)

    // Untouched at close again, and a new draft made the moment the app starts (an opened file, a photo
    // import, a script): the sweep takes only the one from before this start.
    const before = (await draftFiles(dataDir)).map((f) => f.id)
    await app.page.getByRole('button', { name: '新建稿件' }).first().click()
    await expect.poll(() => onDisk()).toBe(3)
    const leftover = (await draftFiles(dataDir)).find((f) => !before.includes(f.id))!.id
    await app.close()
    app = await launchApp({ dataDir })
    const made = await app.page.evaluate(async () => {
      const answer = await (window as unknown as { newsroom: { drafts: { create(r: object): Promise<{ ok: boolean; value?: { id: string } }> } } }).newsroom.drafts.create({})
      return answer.value?.id ?? ''
    })
    expect(made).not.toBe('')
    await expect.poll(async () => (await draftFiles(dataDir)).some((f) => f.id === leftover)).toBe(false)
    await expect.poll(() => app!.page.locator('button.draft-open').count()).toBeGreaterThanOrEqual(2)
    expect((await draftFiles(dataDir)).map((f) => f.id)).toContain(made)
  })

  it('moves a draft to the trash and restores it', async () => {
    app = await launchApp()
    const { page } = app
    await newDraft(page, '要删除的稿件', '正文')
    await page.getByRole('button', { name: '“要删除的稿件”的操作' }).click()
    await page.getByRole('menuitem', { name: '移到回收站' }).click()
    await expect.poll(() => page.getByText('还没有稿件').count()).toBeGreaterThan(0)
    await page.getByRole('tab', { name: /回收站/ }).click()
    await expect.poll(() => page.getByText('要删除的稿件').count()).toBeGreaterThan(0)
    await page.getByRole('button', { name: /恢复/ }).first().click()
    await page.getByRole('tab', { name: /稿件/ }).first().click()
    await expect.poll(() => page.getByText('要删除的稿件').count()).toBeGreaterThan(0)
  })

  it('sets a corrupt draft aside, says which one and why, and opens the others', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await newDraft(page, '完好的稿件', '这篇稿件没有问题。')
    await newDraft(page, '将被损坏的稿件', '这篇稿件的文件将被截断。')
    const files = await draftFiles(dataDir)
    const victim = files.find((f) => f.json.title === '将被损坏的稿件')!
    await app.close()

    const path = join(dataDir, 'drafts', victim.id, 'draft.json')
    const original = await readFile(path, 'utf8')
    const damaged = original.slice(0, Math.floor(original.length / 2))
    await writeFile(path, damaged)

    app = await launchApp({ dataDir })
    const alert = app.page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('将被损坏的稿件')
    expect(await alert.textContent()).toMatch(/JSON/)
    await expect.poll(() => app!.page.getByRole('textbox', { name: '正文' }).textContent()).toContain('这篇稿件没有问题。')
    // Kept, byte for byte, in quarantine.
    const quarantined = await readdir(join(dataDir, 'quarantine'))
    expect(quarantined).toHaveLength(1)
    expect(await readFile(join(dataDir, 'quarantine', quarantined[0]!, 'draft.json'), 'utf8')).toBe(damaged)
  })

  it('renders Chinese with real glyphs, not empty boxes', async () => {
    app = await launchApp()
    const { page } = app
    await newDraft(page, TITLE, BODY)
    const editor = page.getByRole('textbox', { name: '正文' })
    // Two different CJK strings must render differently; with no CJK font both become identical boxes.
    const shots: Buffer[] = []
    for (const text of ['校园新闻', '宣传工作', '\uE000\uE001\uE002\uE003']) {
      await page.evaluate(
        ([t, font]) => {
          const probe = document.getElementById('glyph-probe') ?? document.body.appendChild(document.createElement('span'))
          probe.id = 'glyph-probe'
          Object.assign(probe.style, { position: 'fixed', top: '0', left: '0', fontSize: '32px', fontFamily: font, background: '#fff', color: '#000' })
          probe.textContent = t
        },
        [text, await editor.evaluate((el) => getComputedStyle(el).fontFamily)] as const
      )
      shots.push(await page.locator('#glyph-probe').screenshot())
    }
    const [a, b, tofu] = shots
    expect(a!.equals(b!)).toBe(false)
    expect(a!.equals(tofu!)).toBe(false)
  })
})
