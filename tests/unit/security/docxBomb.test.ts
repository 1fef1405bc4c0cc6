import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../support/draftFixtures'
import { craftZip, type CraftEntry } from '../package/zipCraft'
import { attackableApp } from './securityFixtures'

const text = (value: string) => new TextEncoder().encode(value)

/** The parts of a real .docx that mammoth needs, plus whatever the attack adds. */
function docx(extra: CraftEntry[]): Uint8Array {
  return craftZip([
    {
      name: '[Content_Types].xml',
      method: 8,
      data: text(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
      )
    },
    {
      name: '_rels/.rels',
      method: 8,
      data: text(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
      )
    },
    {
      name: 'word/document.xml',
      method: 8,
      data: text('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>通知</w:t></w:r></w:p></w:body></w:document>')
    },
    ...extra
  ])
}

describe('attack 7: a .docx that inflates far beyond its size is refused before mammoth reads it, for the real reason', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-attack-docx-'))
  })
  afterEach(() => cleanup())

  async function importing(bytes: Uint8Array) {
    const { app, call, dialog } = attackableApp(dir)
    const path = join(dir, '通知.docx')
    await writeFile(path, bytes)
    dialog.answers = [path]
    const answer = await call('imports:docx', {})
    return { answer, drafts: (await app.drafts().list('active')).drafts }
  }

  it('the honest document imports (the check lets Word files through)', async () => {
    const { answer, drafts } = await importing(docx([]))
    expect(answer.ok).toBe(true)
    expect(drafts).toHaveLength(1)
  })

  it('declared sizes adding up past the cap: file-too-large, saying it would unpack too far, no draft', async () => {
    const padding = deflateRawSync(Buffer.alloc(1024 * 1024))
    const bomb = Array.from({ length: 4 }, (_, i): CraftEntry => ({ name: `word/media/pad${String(i)}.bin`, raw: padding, declaredSize: 100 * 1024 * 1024 }))
    const { answer, drafts } = await importing(docx(bomb))
    expect(answer).toMatchObject({ ok: false, error: { code: 'file-too-large' } })
    expect(answer.ok ? '' : answer.error.message).toContain('would unpack to')
    expect(drafts).toEqual([])
  })

  it('a part that lies about its size is stopped at what it declares: corrupt-file naming the part, no draft', async () => {
    // 64 MB of zeros deflate to about 64 KB; the header says 1 KB.
    const lying: CraftEntry = { name: 'word/media/image1.png', raw: deflateRawSync(Buffer.alloc(64 * 1024 * 1024)), declaredSize: 1024 }
    const { answer, drafts } = await importing(docx([lying]))
    expect(answer).toMatchObject({ ok: false, error: { code: 'corrupt-file' } })
    expect(answer.ok ? '' : answer.error.message).toContain('word/media/image1.png inflates to more than the 1024 bytes it declares')
    expect(drafts).toEqual([])
  })
})
