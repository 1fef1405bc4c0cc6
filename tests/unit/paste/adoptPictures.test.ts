import { describe, expect, it } from 'vitest'
import type { ArticleBlock, ArticlePhoto } from '../../../src/shared/article/schema'
import { adoptAssets, pictureAssetIds, placeAdopted } from '../../../src/renderer/src/editor/plugins/paste/adoptPictures'
import type { PictureWords } from '../../../src/renderer/src/editor/plugins/paste/pictures'

const id = (n: number) => `sha256-${String(n).repeat(64).slice(0, 64)}.jpg`
const photo = (n: number, alt = ''): ArticlePhoto => ({ assetId: id(n), caption: '', alt, credit: '' })
const words: PictureWords = { placeholder: (name, problem) => `〔${name}:${problem}〕`, unnamed: '图片' }
const paragraph = (text: string): ArticleBlock => ({
  type: 'paragraph',
  version: 1,
  direction: null,
  format: '',
  indent: 0,
  children: [{ type: 'text', version: 1, text, format: 0 }]
})
const blocks: ArticleBlock[] = [
  paragraph('开幕式'),
  { type: 'image', version: 1, ...photo(1, '主席台'), width: 'full', align: 'center' },
  { type: 'gallery', version: 1, images: [photo(2), photo(3, '跑道'), photo(1)] }
]

describe('photos pasted from another draft', () => {
  it('asks for each picture once', async () => {
    expect(pictureAssetIds(blocks)).toEqual([id(1), id(2), id(3)])
    const asked: string[] = []
    const adopted = await adoptAssets(pictureAssetIds(blocks), async (assetId) => {
      asked.push(assetId)
      if (assetId === id(3)) throw Object.assign(new Error('gone'), { code: 'not-found' })
    })
    expect(asked).toEqual([id(1), id(2), id(3)])
    expect(adopted.get(id(1))).toEqual({ ok: true })
    expect(adopted.get(id(3))).toMatchObject({ error: { code: 'not-found' } })
  })

  it('keeps the photos that were copied and puts a placeholder for each one that was not', () => {
    const adopted = new Map([
      [id(1), { ok: true as const }],
      [id(2), { error: Object.assign(new Error('disk'), { code: 'disk-full' }) }],
      [id(3), { error: Object.assign(new Error('gone'), { code: 'not-found' }) }]
    ])
    const placed = placeAdopted(blocks, adopted, words)
    expect(placed.blocks).toEqual([
      blocks[0],
      blocks[1],
      { type: 'gallery', version: 1, images: [photo(1)] },
      paragraph('〔图片:failed〕'),
      paragraph('〔跑道:draft-gone〕')
    ])
    expect(placed.problems).toEqual([
      { name: '图片', problem: 'failed' },
      { name: '跑道', problem: 'draft-gone' }
    ])
  })

  it('leaves the blocks alone when every picture was copied', () => {
    const adopted = new Map(pictureAssetIds(blocks).map((assetId) => [assetId, { ok: true as const }]))
    expect(placeAdopted(blocks, adopted, words)).toEqual({ blocks, problems: [] })
  })
})
