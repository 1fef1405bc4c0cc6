import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { testCapabilities } from '../../support/testApp'
import type { HandlerContext } from '../../../src/main/ipc/dispatch'
import type { Draft } from '../../../src/shared/model/draft'
import { body, paragraph, text } from '../article/fixtures'

describe('export and preview channels', () => {
  let dir: string
  let app: AppServices
  let saveAnswers: (string | null)[]
  let asked: { purpose: string; defaultName: string }[]
  let shown: string[]
  let flushAnswer: boolean | null
  const emitted: string[] = []
  const context: HandlerContext = {
    emit(channel, payload) {
      emitted.push(channel)
      // The renderer's part: write pending edits, then answer.
      if (channel === 'app:flushRequest' && flushAnswer !== null) app.flush.answer((payload as { requestId: string }).requestId, flushAnswer)
    }
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-export-ipc-'))
    saveAnswers = []
    asked = []
    shown = []
    flushAnswer = true
    emitted.length = 0
    app = composeApp(
      testCapabilities(dir, {
        shell: { openExternal: async () => undefined, showInFolder: (path) => void shown.push(path) },
        dialogs: {
          openFiles: async () => [],
          saveFile: async ({ purpose, defaultName }) => {
            asked.push({ purpose, defaultName })
            return saveAnswers.shift() ?? null
          }
        }
      })
    )
  })
  afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }))

  async function draftWithText(title: string): Promise<string> {
    const draft = await app.drafts().create({ title, column: '校园动态' })
    await app.drafts().save(draft.id, { title, column: '校园动态', body: body(paragraph(text('正文第一段。'))) as Draft['body'] })
    return draft.id
  }

  it('asks the editor to save, offers the title as the file name, and exports there', async () => {
    const draftId = await draftWithText('运动会/开幕')
    const target = join(dir, 'out.html')
    saveAnswers.push(target)
    const answer = await app.dispatch('export:html', { draftId }, context)
    expect(answer).toEqual({ ok: true, value: { path: target, missing: [] } })
    expect(emitted).toEqual(['app:flushRequest'])
    expect(asked).toEqual([{ purpose: 'html', defaultName: '运动会 开幕.html' }])
    expect(await readFile(target, 'utf8')).toContain('<p>正文第一段。</p>')

    expect(await app.dispatch('export:showInFolder', { path: target }, context)).toEqual({ ok: true, value: { ok: true } })
    expect(shown).toEqual([target])
  })

  it('reveals only files this session exported', async () => {
    const answer = await app.dispatch('export:showInFolder', { path: '/etc/passwd' }, context)
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(shown).toEqual([])
  })

  it('answers cancelled when the person closes the dialog, and writes nothing', async () => {
    const draftId = await draftWithText('')
    const answer = await app.dispatch('export:docx', { draftId }, context)
    expect(answer).toEqual({ ok: true, value: { cancelled: true } })
    expect(asked).toEqual([{ purpose: 'docx', defaultName: '新闻稿.docx' }])
  })

  it('refuses to export stale text when the editor could not save its latest edits', async () => {
    const draftId = await draftWithText('标题')
    flushAnswer = false
    const answer = await app.dispatch('export:html', { draftId }, context)
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(asked).toEqual([])
  })

  it('gives the preview the default style until the office adds its own', async () => {
    const before = await app.dispatch('preview:styles', {}, context)
    expect(before).toMatchObject({ ok: true, value: { source: 'default', path: join(app.drafts().dataDir, 'site.css') } })
    const defaultCss = (before as { value: { css: string } }).value.css
    expect(defaultCss).toContain('.news-article')

    const created = await app.dispatch('preview:customizeStyles', {}, context)
    expect(created).toEqual({ ok: true, value: { path: join(app.drafts().dataDir, 'site.css'), created: true } })
    expect(await app.dispatch('preview:customizeStyles', {}, context)).toMatchObject({ value: { created: false } })

    const after = await app.dispatch('preview:styles', {}, context)
    expect(after).toMatchObject({ ok: true, value: { source: 'custom' } })
    const css = (after as { value: { css: string } }).value.css
    expect(css.startsWith(defaultCss)).toBe(true)
    expect(css).toContain(await readFile(join(app.drafts().dataDir, 'site.css'), 'utf8'))
  })
})
