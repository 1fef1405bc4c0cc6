import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import type { HandlerContext } from '../../../src/main/ipc/dispatch'
import { createMemorySettingsStore } from '../../../src/main/services/settings/settingsService'
import { makeTempDir, paragraphs } from '../../support/draftFixtures'

type Scripted = { app: AppServices; context: HandlerContext; open: string[][]; save: (string | null)[]; printed: string[] }

/** An app whose dialogs answer from queues and whose editor confirms every flush at once. */
function scriptedApp(userDataDir: string): Scripted {
  const open: string[][] = []
  const save: (string | null)[] = []
  const printed: string[] = []
  const app = composeApp({
    userDataDir,
    settingsStore: createMemorySettingsStore(),
    shell: { openExternal: async () => undefined, showInFolder: () => undefined },
    dialogs: { openFiles: async () => open.shift() ?? [], saveFile: async () => save.shift() ?? null },
    appInfo: { version: '9.9.9', platform: 'linux', assetUrlBase: 'newsroom-asset://' },
    pdf: {
      fromHtml: async (html) => {
        printed.push(html)
        return new TextEncoder().encode(`%PDF-1.7 fake ${html.length}`)
      }
    }
  })
  const context: HandlerContext = {
    emit(channel, payload) {
      if (channel === 'app:flushRequest') app.flush.answer((payload as { requestId: string }).requestId, true)
    }
  }
  return { app, context, open, save, printed }
}

describe('package and approval channels', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let editor: Scripted
  let reviewer: Scripted
  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-package-ipc-'))
    editor = scriptedApp(join(dir, 'editor'))
    reviewer = scriptedApp(join(dir, 'reviewer'))
  })
  afterEach(() => cleanup())

  it('exports through the save dialog, imports through the open dialog, and asks before replacing', async () => {
    const { id } = await editor.app.drafts().create()
    await editor.app.dispatch('drafts:save', { id, content: { title: '迎新晚会', column: '校园动态', body: paragraphs('晚会在礼堂举行。') } }, editor.context)

    editor.save.push(join(dir, '迎新晚会'))
    const exported = await editor.app.dispatch('packages:export', { draftId: id }, editor.context)
    expect(exported).toMatchObject({ ok: true, value: { path: join(dir, '迎新晚会.newsroom'), skipped: [] } })

    reviewer.open.push([join(dir, '迎新晚会.newsroom')])
    expect(await reviewer.app.dispatch('packages:import', {}, reviewer.context)).toEqual({
      ok: true,
      value: { outcome: 'imported', draftId: id, title: '迎新晚会', replaced: false, keptBoth: false }
    })

    reviewer.open.push([join(dir, '迎新晚会.newsroom')])
    const asked = await reviewer.app.dispatch('packages:import', {}, reviewer.context)
    expect(asked).toMatchObject({ ok: true, value: { outcome: 'conflict', fileName: '迎新晚会.newsroom', conflict: { draftId: id, existingTitle: '迎新晚会' } } })
    const token = (asked as { value: { token: string } }).value.token
    expect(await reviewer.app.dispatch('packages:import', { token: 'stale', onConflict: 'replace' }, reviewer.context)).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await reviewer.app.dispatch('packages:import', { token, onConflict: 'keep-both' }, reviewer.context)).toMatchObject({
      ok: true,
      value: { outcome: 'imported', keptBoth: true, title: '迎新晚会（导入副本）' }
    })
    expect((await reviewer.app.drafts().list('active')).drafts).toHaveLength(2)

    const editorLog = await editor.app.workflow.auditList(id)
    expect(editorLog.map((e) => e.action)).toContain('package-export')
    const reviewerLog = await reviewer.app.workflow.auditList(id)
    expect(reviewerLog.at(-1)).toMatchObject({ action: 'import', details: { file: '迎新晚会.newsroom', replaced: false } })

    expect(await reviewer.app.dispatch('packages:import', {}, reviewer.context)).toEqual({ ok: true, value: { outcome: 'cancelled' } })
  })

  it('answers not-found when the chosen package has gone', async () => {
    reviewer.open.push([join(dir, 'missing.newsroom')])
    expect(await reviewer.app.dispatch('packages:import', {}, reviewer.context)).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('prints the approval form to a PDF where the person chose, in the UI language', async () => {
    const { id } = await editor.app.drafts().create()
    await editor.app.dispatch('drafts:save', { id, content: { title: '迎新晚会', column: '校园动态', body: paragraphs('晚会在礼堂举行。') } }, editor.context)
    editor.save.push(join(dir, 'form'))
    const answer = await editor.app.dispatch('approval:exportPdf', { draftId: id }, editor.context)
    expect(answer).toMatchObject({ ok: true, value: { path: join(dir, 'form.pdf') } })
    expect((await readFile(join(dir, 'form.pdf'), 'utf8')).startsWith('%PDF-1.7 fake')).toBe(true)
    expect(editor.printed[0]).toContain('<h1 class="form-title">稿件审批单</h1>')
    expect(editor.printed[0]).toContain('<p>晚会在礼堂举行。</p>')
    expect((await editor.app.workflow.auditList(id)).at(-1)).toMatchObject({ action: 'export', details: { format: 'approval-pdf', file: 'form.pdf' } })
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])

    editor.save.push(null)
    expect(await editor.app.dispatch('approval:exportPdf', { draftId: id }, editor.context)).toEqual({ ok: true, value: { cancelled: true } })
  })
})
