import sharp from 'sharp'
import { WECHAT_LIMITS } from '../../../shared/article/wechatLimits'

export interface WechatPhotoFile {
  data: Buffer
  extension: 'jpg' | 'png'
  width: number
  height: number
}

export interface WechatPhotoOptions {
  /** Under this many bytes; the platform's limit for photos in an article by default. */
  maxBytes?: number
}

/** Long edges and qualities tried in turn, biggest first, until the file fits: a phone shows 1080 px at most. */
const EDGES = [1920, 1440, 1080, 720] as const
const QUALITIES = [85, 72] as const
/** The stored assets were checked on import; this only guards against a planted decompression bomb. */
const PIXEL_LIMIT = 100_000_000

/**
 * A stored photo as the 公众号 takes it (docs/wechat.md): JPEG, or PNG when it has transparency and still fits,
 * under `maxBytes`. Upright by its EXIF orientation (the orientation tag is not kept, so no viewer turns it
 * twice), converted to sRGB with the profile attached, so colour looks the same in WeChat as here. The first
 * frame of an animation. Rejects when the bytes are no photo sharp can decode.
 */
export async function encodeWechatPhoto(bytes: Uint8Array, options: WechatPhotoOptions = {}): Promise<WechatPhotoFile> {
  const maxBytes = options.maxBytes ?? WECHAT_LIMITS.photoBytes
  const meta = await sharp(bytes, { limitInputPixels: PIXEL_LIMIT }).metadata()
  const base = (edge: number) =>
    sharp(bytes, { autoOrient: true, limitInputPixels: PIXEL_LIMIT, failOn: 'error' })
      .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
      .withIccProfile('srgb')
  let last: WechatPhotoFile | null = null
  if (meta.hasAlpha === true) {
    for (const edge of EDGES) {
      const { data, info } = await base(edge).png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
      last = { data, extension: 'png', width: info.width, height: info.height }
      if (data.length < maxBytes) return last
    }
  }
  for (const edge of EDGES) {
    for (const quality of QUALITIES) {
      // Transparency has no place in a JPEG: it goes onto white, the colour of the article's page.
      const { data, info } = await base(edge).flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true }).toBuffer({ resolveWithObject: true })
      last = { data, extension: 'jpg', width: info.width, height: info.height }
      if (data.length < maxBytes) return last
    }
  }
  // Only noise at 720 px can be this large; it goes out as small as it gets, the size check reports it.
  if (last === null) throw new Error('no encoding was tried')
  return last
}
