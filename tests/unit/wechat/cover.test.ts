import { describe, expect, it } from 'vitest'
import { CENTRED, COVER_SHAPES, cropOf, frameOf, publishedUrlOf } from '../../../src/renderer/src/wechat/cover'
import { CoverCropSchema } from '../../../src/shared/model/wechat'

describe('cover crops', () => {
  it('gives the largest centred crop of each shape as corner fractions', () => {
    // 3000×2000: a 2.35:1 crop is the full width, 1276.6 px high; a square is 2000×2000 in the middle.
    expect(cropOf(3000, 2000, COVER_SHAPES.crop235, CENTRED)).toEqual({ x1: 0, y1: 0.1809, x2: 1, y2: 0.8191 })
    expect(cropOf(3000, 2000, COVER_SHAPES.crop11, CENTRED)).toEqual({ x1: 0.1667, y1: 0, x2: 0.8333, y2: 1 })
  })

  it('keeps the shape whatever the size and position, inside the photo', () => {
    for (const frame of [{ scale: 0.5, x: 0, y: 1 }, { scale: 0.2, x: 1, y: 0 }, { scale: 5, x: -3, y: 9 }]) {
      const c = cropOf(4000, 3000, 2.35, frame)
      expect(CoverCropSchema.safeParse(c).success).toBe(true)
      expect(((c.x2 - c.x1) * 4000) / ((c.y2 - c.y1) * 3000)).toBeCloseTo(2.35, 2)
    }
  })

  it('reopens a saved crop on the same sliders', () => {
    const frame = { scale: 0.6, x: 0.25, y: 0.8 }
    const back = frameOf(3000, 2000, 1, cropOf(3000, 2000, 1, frame))
    expect(back.scale).toBeCloseTo(0.6, 3)
    expect(back.x).toBeCloseTo(0.25, 3)
    expect(back.y).toBeCloseTo(0.8, 3)
  })

  it('阅读原文 is the latest published website address', () => {
    const record = (remoteUrl: string | null, lastPublishedAt: string | null) => ({ targetId: 't', remoteArticleId: null, remoteUrl, remoteModifiedAt: null, lastPublishedAt, lastSent: null, images: {}, liveBaseline: null, handCopy: null })
    expect(publishedUrlOf({ schemaVersion: 1, targets: {} })).toBe('')
    expect(
      publishedUrlOf({
        schemaVersion: 1,
        targets: {
          a: record('https://news.example.edu.cn/old', '2026-11-01T08:00:00Z'),
          b: record('https://news.example.edu.cn/new', '2026-11-02T08:00:00Z'),
          c: record('file:///site/index.html', '2026-11-03T08:00:00Z'),
          d: record(null, null)
        }
      })
    ).toBe('https://news.example.edu.cn/new')
  })
})
