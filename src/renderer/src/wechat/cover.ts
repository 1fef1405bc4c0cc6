// Relative imports, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import type { CoverCrop } from '../../../shared/model/wechat'
import type { PublishRecordFile } from '../../../shared/model/publish'

/** The platform's two cover shapes (pic_crop_235_1, pic_crop_1_1). */
export const COVER_SHAPES = { crop235: 2.35, crop11: 1 } as const
export type CoverShape = keyof typeof COVER_SHAPES

/** A crop as the crop view's sliders hold it: its size (1 = as large as the shape fits) and where it sits (0–1). */
export interface CropFrame {
  scale: number
  x: number
  y: number
}

export const CENTRED: CropFrame = { scale: 1, x: 0.5, y: 0.5 }

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value))
const round = (value: number): number => Math.round(value * 10_000) / 10_000

/** The crop of a `width`×`height` photo in the shape `ratio` (width / height), as the platform's corner fractions. */
export function cropOf(width: number, height: number, ratio: number, frame: CropFrame): CoverCrop {
  const largest = Math.min(width, height * ratio)
  const w = largest * clamp(frame.scale, 0.2, 1)
  const h = w / ratio
  const left = (width - w) * clamp(frame.x, 0, 1)
  const top = (height - h) * clamp(frame.y, 0, 1)
  return { x1: round(left / width), y1: round(top / height), x2: round((left + w) / width), y2: round((top + h) / height) }
}

/** The sliders for a saved crop: the inverse of cropOf, so reopening shows the crop that was approved. */
export function frameOf(width: number, height: number, ratio: number, crop: CoverCrop): CropFrame {
  const largest = Math.min(width, height * ratio)
  const w = (crop.x2 - crop.x1) * width
  const h = (crop.y2 - crop.y1) * height
  const spare = (total: number, used: number, start: number) => (total - used > 0.5 ? clamp((start * total) / (total - used), 0, 1) : 0.5)
  return { scale: clamp(w / largest, 0.2, 1), x: spare(width, w, crop.x1), y: spare(height, h, crop.y1) }
}

/** 阅读原文: the website address the article was last published to, or '' before it was published anywhere. */
export function publishedUrlOf(records: PublishRecordFile): string {
  const published = Object.values(records.targets)
    .filter((record) => record.remoteUrl !== null && /^https?:\/\//i.test(record.remoteUrl) && record.lastPublishedAt !== null)
    .sort((a, b) => Date.parse(b.lastPublishedAt ?? '') - Date.parse(a.lastPublishedAt ?? ''))
  return published[0]?.remoteUrl ?? ''
}
