import { z } from 'zod'
import { DraftIdSchema } from '../../model/draft'
import { StoredAssetSchema } from '../../model/asset'
import { AssetIdSchema } from '../../article/schema'
import type { ChannelMap, EventMap } from './common'

/** file:///…/msohtmlclip1/01/clip_image001.png, as Word writes them; no `.` or `..` segments. */
export const WORD_CLIP_URL = /^file:\/\/\/(?:(?!\.\.?\/)[^/]+\/)*msohtmlclip\d*\/(?:(?!\.\.?\/)[^/]+\/)?(?!\.\.?$)[^/]+$/i

/** Base64 of at most ~60 MB of bytes: pictures pasted or dropped into the editor. */
const Base64Schema = z.string().max(90_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64')

export const assetChannels = {
  'assets:import': {
    request: z.object({
      draftId: DraftIdSchema,
      source: z.discriminatedUnion('kind', [
        /** Bytes the page already holds: a dropped file, a pasted picture. */
        z.object({ kind: z.literal('bytes'), name: z.string().max(255), base64: Base64Schema }),
        /**
         * A picture Word put beside its clipboard HTML (file:///…/msohtmlclip…/image001.png). Only such
         * addresses are read: pasted HTML must not make main read arbitrary files.
         */
        z.object({ kind: z.literal('wordClip'), url: z.string().max(2000).regex(WORD_CLIP_URL, 'not a Word clipboard picture') })
      ])
    }),
    response: StoredAssetSchema
  },
  'assets:adopt': {
    /**
     * A picture copied from another draft's body: main copies it into this draft's assets (when it is not
     * there yet), so the pasted photo does not name a file only the other draft has.
     */
    request: z.object({ draftId: DraftIdSchema, fromDraftId: DraftIdSchema, assetId: AssetIdSchema }),
    response: StoredAssetSchema
  }
} as const satisfies ChannelMap

export const assetEvents = {} as const satisfies EventMap
