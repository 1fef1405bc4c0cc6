import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import type { HandlerContext } from '../../../src/main/ipc/dispatch'
import type { Envelope } from '../../../src/shared/ipc/contract'
import { SEED, seedArticle } from '../../support/outputFixtures'
import { testCapabilities } from '../../support/testApp'

const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value as T
}
type Imported = { cancelled: false; draftId: string; title: string; column: string; html: string }

describe('a Word file the app exported comes back as the same article', () => {
  let dir: string
  let app: AppServices
  let saveAs: string
  let open: string[]
  const context: HandlerContext = { emit: (channel, payload) => channel === 'app:flushRequest' && app.flush.answer((payload as { requestId: string }).requestId, true) }
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-docx-roundtrip-'))
    saveAs = join(dir, 'export.docx')
    open = []
    app = composeApp(testCapabilities(dir, { dialogs: { openFiles: async () => open, saveFile: async () => saveAs } }))
  })
  afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }))

  async function exported(): Promise<string> {
    const draft = await seedArticle(app)
    value(await app.dispatch('export:docx', { draftId: draft.id }, context))
    return saveAs
  }

  it('title, column and the people come back; column, editor and credit lines are not body paragraphs; captions stay with their photos', async () => {
    open = [await exported()]
    const imported = value<Imported>(await app.dispatch('imports:docx', {}, context))
    expect(imported).toMatchObject({ title: SEED.title, column: SEED.column })
    const draft = await app.drafts().open(imported.draftId)
    expect(draft).toMatchObject({ title: SEED.title, column: SEED.column })
    expect(draft.metadata).toMatchObject({
      subtitle: SEED.subtitle,
      sourceDepartment: SEED.metadata.sourceDepartment,
      authors: SEED.metadata.authors,
      photographers: SEED.metadata.photographers,
      editor: SEED.metadata.editor,
      publishAt: SEED.metadata.publishAt,
      // Filled by signing the new draft off, not by a file.
      proofreader: '',
      reviewer: ''
    })
    const html = imported.html
    for (const line of [SEED.column, SEED.title, SEED.subtitle, '编辑：', '供稿']) expect(html).not.toContain(line)
    expect(html).toContain(`<p>${SEED.paragraphs[0]}</p>`)
    expect(html).toContain(`<h2>${SEED.heading}</h2>`)
    expect(html).toContain(`<li>${SEED.items[0]}</li>`)
    expect(html).toContain(`<a href="${SEED.linkUrl}">${SEED.linkText}</a>`)
    const figures = [...html.matchAll(/<figure><img alt="([^"]*)" src="asset:(sha256-[0-9a-f]{64}\.jpg)" \/><figcaption>([^<]*)<\/figcaption><\/figure>/g)]
    expect(figures.map((figure) => [figure[1], figure[3]])).toEqual(SEED.captions.map((caption) => ['', caption]))
  })

  it('when the credit line was changed in Word, the text wins: the stored people are not restored, the line stays in the body', async () => {
    const path = await exported()
    const files = unzipSync(await readFile(path))
    const document = strFromU8(files['word/document.xml'] ?? new Uint8Array())
    expect(document).toContain('赵六摄影')
    files['word/document.xml'] = strToU8(document.replace('赵六摄影', '钱七摄影'))
    await writeFile(path, zipSync(files))
    open = [path]
    const imported = value<Imported>(await app.dispatch('imports:docx', {}, context))
    const draft = await app.drafts().open(imported.draftId)
    expect(draft).toMatchObject({ title: SEED.title, column: SEED.column })
    expect(draft.metadata.photographers).toEqual([])
    expect(imported.html).toMatch(/<p>（双高办 张三供稿，钱七摄影；[^<]*）<\/p>$/)
  })
})
