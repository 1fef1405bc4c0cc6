import { z } from 'zod'
import { COLUMN_MAX, DraftIdSchema, TITLE_MAX } from '../../model/draft'
import { NoRequest, type ChannelMap, type EventMap } from './common'

/**
 * What did not come over from a Word document, as codes the renderer words for the person:
 * `external-image` a picture linked from outside the file (never read), `image-unsupported` a picture in a
 * format the article cannot show (EMF, WMF, TIFF…), `image-failed` a damaged picture, `content-skipped`
 * anything else mammoth reported.
 */
export const DocxImportWarningSchema = z.object({
  code: z.enum(['external-image', 'image-unsupported', 'image-failed', 'content-skipped']),
  detail: z.string().max(2000)
})
export type DocxImportWarning = z.infer<typeof DocxImportWarningSchema>

export const importChannels = {
  'imports:docx': {
    // Main shows the open dialog itself, so the page never names a path.
    request: NoRequest,
    response: z.discriminatedUnion('cancelled', [
      z.object({ cancelled: z.literal(true) }),
      z.object({
        cancelled: z.literal(false),
        /** The new draft, created with the title and holding the pictures; its body is still empty. */
        draftId: DraftIdSchema,
        title: z.string().max(TITLE_MAX),
        /** The column of a file this app exported, '' for others; the draft already holds it. */
        column: z.string().max(COLUMN_MAX).default(''),
        /** The document as HTML; pictures are `<img src="asset:<assetId>">`. The renderer sanitizes it like a paste. */
        html: z.string(),
        warnings: z.array(DocxImportWarningSchema).max(500)
      })
    ])
  }
} as const satisfies ChannelMap

export const importEvents = {} as const satisfies EventMap
