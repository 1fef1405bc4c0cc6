import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { testCapabilities } from '../../support/testApp'

const CORPUS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../shared/corpus/docx')
const context = { emit: () => undefined }

describe('imports:docx', () => {
  let dir: string
  let app: AppServices
  let answers: string[][]
  let asked: { purpose: string; multiple: boolean; extensions: string[] }[]
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-import-ipc-'))
    answers = []
    asked = []
    app = composeApp(
      testCapabilities(dir, {
        dialogs: {
          openFiles: async ({ purpose, multiple, filters }) => {
            asked.push({ purpose, multiple, extensions: filters.flatMap((f) => f.extensions) })
            return answers.shift() ?? []
          },
          saveFile: async () => null
        }
      })
    )
  })
  afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }))

  it('asks main’s dialog for one .docx and answers cancelled when none is chosen', async () => {
    expect(await app.dispatch('imports:docx', {}, context)).toEqual({ ok: true, value: { cancelled: true } })
    expect(asked).toEqual([{ purpose: 'docx', multiple: false, extensions: ['docx'] }])
    expect((await app.drafts().list('active')).drafts).toEqual([])
  })

  it('refuses a request that names a path: the page never chooses the file', async () => {
    const answer = await app.dispatch('imports:docx', { path: '/etc/passwd' }, context)
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(asked).toEqual([])
  })

  it.skipIf(!existsSync(CORPUS))('answers with the new draft and its HTML', async () => {
    answers.push([join(CORPUS, 'mammoth/tiny-picture.docx')])
    const answer = (await app.dispatch('imports:docx', {}, context)) as { ok: true; value: { cancelled: false; draftId: string; title: string; html: string } }
    expect(answer).toMatchObject({ ok: true, value: { cancelled: false, title: 'tiny-picture', warnings: [] } })
    expect(answer.value.html).toMatch(/^<p><img src="asset:sha256-[0-9a-f]{64}\.png" \/><\/p>$/)
    expect((await app.drafts().list('active')).drafts.map((d) => d.id)).toEqual([answer.value.draftId])
  })
})
