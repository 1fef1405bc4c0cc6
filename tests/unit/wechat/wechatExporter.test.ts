import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAssetStore } from '../../../src/main/services/assets/assetStore'
import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import { CAPTIONS_FILE, createWechatExporter, WECHAT_EXPORT_FOLDER } from '../../../src/main/services/wechat/wechatExporter'
import { wechatClipboardData } from '../../../src/shared/article/toWechatHtml'
import type { Draft } from '../../../src/shared/model/draft'
import { assetId, body, gallery, image, metadata, paragraph, text } from '../article/fixtures'

const NOW = new Date(2026, 10, 20, 16, 30)
const WORDS = { fallbackName: '新闻稿', noCaption: '（无图注）' }

describe('复制到公众号 export', () => {
  let dir: string
  let drafts: DraftStore
  let draft: Draft
  let red: string
  let blue: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-wechat-'))
    drafts = createDraftStore({ dataDir: join(dir, 'library'), clock: { now: () => NOW } })
    const created = await drafts.create()
    const assets = createAssetStore({ drafts: () => drafts })
    const picture = (background: string) => sharp({ create: { width: 800, height: 600, channels: 3, background } })
    red = (await assets.importBytes(created.id, await picture('#c33').jpeg().toBuffer(), '会场.jpg')).assetId
    blue = (await assets.importBytes(created.id, await picture('#33c').png().toBuffer(), '合影.png')).assetId
    await drafts.save(created.id, {
      title: '学校召开推进会',
      column: '校园动态',
      body: body(paragraph(text('正文第一段。')), image(red, '会议现场'), gallery({ assetId: blue, caption: '合影' }, { assetId: assetId(99), caption: '已丢失' }, { assetId: red })) as Draft['body'],
      metadata: metadata({ authors: ['张三'], photographers: ['张三'] })
    })
    draft = await drafts.open(created.id)
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('writes the photos in reading order with a captions list, and the clipboard layout with 【图n】', async () => {
    const copy = await createWechatExporter({ drafts: () => drafts, clock: { now: () => NOW } }).copy(draft, undefined, undefined, WORDS)
    expect(copy.folder).toBe(join(drafts.dataDir, WECHAT_EXPORT_FOLDER, '学校召开推进会 2026-11-20 1630'))
    expect((await readdir(copy.folder)).sort()).toEqual(['01.jpg', '02.jpg', '04.jpg', CAPTIONS_FILE])
    // The same stored photo twice is two numbered files: the person uploads them in order.
    const first = await sharp(join(copy.folder, '01.jpg')).stats()
    const second = await sharp(join(copy.folder, '02.jpg')).stats()
    expect(first.channels[0]!.mean).toBeGreaterThan(first.channels[2]!.mean)
    expect(second.channels[2]!.mean).toBeGreaterThan(second.channels[0]!.mean)
    expect(copy.photos).toBe(3)
    expect(copy.problems).toEqual([{ number: 3, caption: '已丢失', reason: 'missing' }])
    expect(await readFile(join(copy.folder, CAPTIONS_FILE), 'utf8')).toBe('\uFEFF【图1】01.jpg  会议现场\r\n【图2】02.jpg  合影\r\n【图3】—  已丢失\r\n【图4】04.jpg  （无图注）\r\n')
    expect(copy.clipboard.html).toContain('【图1】')
    expect(copy.clipboard.html).toContain('（张三供稿/图）')
    expect(copy.clipboard.text.split('\n')).toEqual(['校园动态', '正文第一段。', '【图1】会议现场', '【图2】合影', '【图3】已丢失', '【图4】', '（张三供稿/图）'])
    expect(copy.size.level).toBe('ok')
    expect(copy.size.characters.used).toBe(Array.from(copy.clipboard.html ?? '').length + 4 * 400)
  })

  it('puts text alone on the clipboard when there is no layout', () => {
    expect(wechatClipboardData({ html: '', text: '' })).toEqual({ text: '' })
    expect(wechatClipboardData({ html: '<p>a</p>', text: 'a' })).toEqual({ html: '<p>a</p>', text: 'a' })
  })

  it('reports a photo it cannot encode and goes on with the others', async () => {
    let calls = 0
    const exporter = createWechatExporter({
      drafts: () => drafts,
      clock: { now: () => NOW },
      encode: async (bytes) => {
        calls += 1
        if (calls === 2) throw new Error('broken')
        return { data: Buffer.from(bytes), extension: 'jpg', width: 1, height: 1 }
      }
    })
    const copy = await exporter.copy(draft, undefined, undefined, WORDS)
    expect(copy.problems.map((p) => [p.number, p.reason])).toEqual([
      [2, 'unreadable'],
      [3, 'missing']
    ])
    expect(copy.photos).toBe(2)
  })
})
