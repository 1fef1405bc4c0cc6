import { z } from 'zod'

export const ASSET_EXTENSIONS = ['jpg', 'png', 'gif', 'webp', 'avif'] as const

/** A picture stored with a draft, addressed by the hash of its bytes. */
export const StoredAssetSchema = z.object({
  assetId: z.string(),
  extension: z.enum(ASSET_EXTENSIONS),
  mime: z.string(),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  originalName: z.string(),
  /** Where the picture came from on this computer, when it came from a file. */
  originalPath: z.string().nullable()
})
export type StoredAsset = z.infer<typeof StoredAssetSchema>
