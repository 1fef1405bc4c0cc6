/// <reference lib="dom" />
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { CORPUS, corpusMissing, expectHarmlessHtml, expectHarmlessJson, openNewDraft, paste, publishedHtml, savedBody, strictBody } from './pasteSupport'
import { storedBodyOf } from '../../src/renderer/src/editor/storedBody'
import type { SerializedEditorState } from 'lexical'

const unavailable = e2eUnavailableReason() ?? corpusMissing('xss/vectors.json')
if (unavailable) console.warn(`[e2e] paste XSS vectors skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const EMPTY_STATE = JSON.stringify({
  root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, children: [] }] }
})

suite('pasting every XSS vector of ../shared/corpus/xss/vectors.json', () => {
  let app: LaunchedApp | undefined
  const dialogs: string[] = []
  afterEach(async () => {
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('lets no script, handler, javascript:/data: address or style reach the saved body or the published HTML', async () => {
    const vectors = JSON.parse(await readFile(join(CORPUS, 'xss/vectors.json'), 'utf8')) as string[]
    expect(vectors).toHaveLength(318)
    app = await launchApp()
    const { page } = app
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`)
      void dialog.dismiss()
    })
    await page.evaluate(() => {
      // A script that ran would most likely call one of these; dialogs are recorded above as well.
      const w = window as unknown as Record<string, unknown>
      w['__xssCalls'] = 0
      for (const name of ['alert', 'confirm', 'prompt']) {
        const original = w[name] as (...args: unknown[]) => unknown
        w[name] = (...args: unknown[]) => {
          ;(w['__xssCalls'] as number)++
          return original.apply(window, args)
        }
      }
    })
    await openNewDraft(page)

    // One paste per vector through the real paste event; the body is emptied between them so that each
    // saved state is that vector's alone.
    const states = (await page.evaluate(
      async ({ vectors, empty }) => {
        const root = document.activeElement as HTMLElement & { __lexicalEditor?: { parseEditorState(s: string): unknown; setEditorState(s: unknown): void; getEditorState(): { toJSON(): unknown }; focus(): void } }
        const editor = root.__lexicalEditor
        if (!editor) throw new Error('no Lexical editor on the focused element')
        const out: unknown[] = []
        for (const vector of vectors) {
          editor.setEditorState(editor.parseEditorState(empty))
          root.focus()
          const data = new DataTransfer()
          data.setData('text/html', vector)
          data.setData('text/plain', vector)
          root.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
          await new Promise((done) => setTimeout(done, 0))
          out.push(editor.getEditorState().toJSON())
        }
        return out
      },
      { vectors, empty: EMPTY_STATE }
    )) as SerializedEditorState[]
    expect(states).toHaveLength(vectors.length)
    states.forEach((state, index) => {
      const label = `vector ${index}: ${vectors[index]!.slice(0, 120)}`
      const stored = storedBodyOf(state)
      const body = strictBody(stored)
      expectHarmlessJson(body, label)
      expectHarmlessHtml(publishedHtml(body), label)
    })

    // All of them again, one after another into one draft, saved by the app itself.
    await page.evaluate(() => {
      const root = document.activeElement as HTMLElement & { __lexicalEditor?: { parseEditorState(s: string): unknown; setEditorState(s: unknown): void } }
      root.__lexicalEditor?.setEditorState(root.__lexicalEditor.parseEditorState(JSON.stringify({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'text', version: 1, text: '开始', format: 0 }] }] } })))
    })
    await page.getByRole('textbox', { name: '正文' }).click()
    for (const vector of vectors) await paste(page, { html: vector, text: vector })
    const saved = await savedBody(app)
    const body = strictBody(saved)
    expectHarmlessJson(body, 'all vectors')
    expectHarmlessHtml(publishedHtml(body), 'all vectors')
    expect(publishedHtml(body)).toContain('开始')

    // Nothing ran in the page either.
    const editorDom = await page.evaluate(() => {
      const root = document.querySelector('.article-body-input')
      const handlers = Array.from(root?.querySelectorAll('*') ?? []).flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`))
      return { handlers, scripts: root?.querySelectorAll('script, iframe, object, embed').length ?? -1, calls: (window as unknown as { __xssCalls: number }).__xssCalls }
    })
    expect(editorDom).toEqual({ handlers: [], scripts: 0, calls: 0 })
    expect(dialogs).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
