import { z } from 'zod'

/**
 * Photos on their way into an article: culling previews, the compression profile and per-file results.
 * The IPC contract wraps these later; here they are only the shapes main produces.
 */

export const IMAGE_OUTPUT_FORMATS = ['jpeg', 'webp'] as const
export const ImageOutputFormatSchema = z.enum(IMAGE_OUTPUT_FORMATS)
export type ImageOutputFormat = z.infer<typeof ImageOutputFormatSchema>

export const CompressionProfileSchema = z.object({
  /** The longer side of the published image, in pixels; smaller photos are never enlarged. */
  longEdge: z.number().int().min(320).max(8192).default(1920),
  format: ImageOutputFormatSchema.default('jpeg'),
  quality: z.number().int().min(30).max(100).default(82),
  /** Animated GIF/WebP up to this many bytes (and within longEdge) stay animated; larger ones keep their first frame. */
  keepAnimationMaxBytes: z.number().int().nonnegative().default(2 * 1024 * 1024)
})
export type CompressionProfile = z.infer<typeof CompressionProfileSchema>
export const DEFAULT_COMPRESSION_PROFILE: CompressionProfile = CompressionProfileSchema.parse({})

/** Why one file could not be previewed or imported. The renderer words these; `detail` is technical. */
export const IMAGE_FAILURE_CODES = [
  'empty',
  'not-an-image',
  'unsupported',
  'corrupt',
  'too-large',
  'vanished',
  'unreadable',
  'disk-full',
  'read-only',
  'write-failed',
  'cancelled',
  'internal'
] as const
export const ImageFailureCodeSchema = z.enum(IMAGE_FAILURE_CODES)
export type ImageFailureCode = z.infer<typeof ImageFailureCodeSchema>

/** Things done to a photo that the person may want to know about; none of them is a failure. */
export const IMAGE_NOTICE_CODES = [
  'colour-converted',
  'bit-depth-reduced',
  'alpha-flattened',
  'animation-kept',
  'animation-first-frame',
  'first-page-only'
] as const
export const ImageNoticeCodeSchema = z.enum(IMAGE_NOTICE_CODES)
export type ImageNoticeCode = z.infer<typeof ImageNoticeCodeSchema>

export const ImageNoticeSchema = z.object({ code: ImageNoticeCodeSchema, detail: z.string() })
export type ImageNotice = z.infer<typeof ImageNoticeSchema>

/**
 * Camera wall-clock time as written by the camera: `YYYY-MM-DDTHH:mm:ss`, with the offset only when the
 * camera recorded one (EXIF OffsetTimeOriginal). Most cameras record none, so this is not an instant.
 */
export const CaptureTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)?$/)
export type CaptureTime = z.infer<typeof CaptureTimeSchema>

export const ImagePreviewSchema = z.object({
  originalPath: z.string(),
  /** An upright JPEG in the preview cache. */
  previewFile: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  capturedAt: CaptureTimeSchema.nullable(),
  camera: z.string().nullable(),
  /** EXIF orientation of the original (1–8); the preview is already upright. */
  orientation: z.number().int().min(1).max(8).nullable(),
  /** `embedded`: the JPEG's own EXIF thumbnail; `decoded`: made from the full image. */
  source: z.enum(['embedded', 'decoded'])
})
export type ImagePreview = z.infer<typeof ImagePreviewSchema>

export const ASSET_FORMATS = ['jpeg', 'webp', 'gif'] as const
export const AssetFormatSchema = z.enum(ASSET_FORMATS)
export type AssetFormat = z.infer<typeof AssetFormatSchema>

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/)

/** A compressed photo stored with an article. Its file name is the SHA-256 of its bytes. */
export const ImageAssetSchema = z.object({
  assetFile: z.string(),
  fileName: z.string().regex(/^[0-9a-f]{64}\.(jpg|webp|gif)$/),
  contentHash: Sha256Schema,
  format: AssetFormatSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  /** The photographer's file; never modified. */
  originalPath: z.string(),
  capturedAt: CaptureTimeSchema.nullable(),
  notices: z.array(ImageNoticeSchema),
  /** An identical asset was already in the folder, so nothing was written. */
  reused: z.boolean()
})
export type ImageAsset = z.infer<typeof ImageAssetSchema>

export const ImageFailureSchema = z.object({
  originalPath: z.string(),
  code: ImageFailureCodeSchema,
  detail: z.string()
})
export type ImageFailure = z.infer<typeof ImageFailureSchema>

export const ImageImportResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('imported'), originalPath: z.string(), asset: ImageAssetSchema }),
  ImageFailureSchema.extend({ status: z.literal('failed') })
])
export type ImageImportResult = z.infer<typeof ImageImportResultSchema>

export const ImagePreviewResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ready'), originalPath: z.string(), preview: ImagePreviewSchema }),
  ImageFailureSchema.extend({ status: z.literal('failed') })
])
export type ImagePreviewResult = z.infer<typeof ImagePreviewResultSchema>

export const IMAGE_FILE_STATES = ['working', 'done', 'failed', 'cancelled'] as const
export const ImageProgressSchema = z.object({
  originalPath: z.string(),
  /** Position in the list the caller passed. */
  index: z.number().int().nonnegative(),
  state: z.enum(IMAGE_FILE_STATES),
  code: ImageFailureCodeSchema.optional(),
  finished: z.number().int().nonnegative(),
  total: z.number().int().nonnegative()
})
export type ImageProgress = z.infer<typeof ImageProgressSchema>
