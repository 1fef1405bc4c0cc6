import { z } from 'zod'
import { DraftIdSchema } from '../../model/draft'
import { NoRequest, Ok, type ChannelMap, type EventMap } from './common'

export const MissingPictureSchema = z.object({
  assetId: z.string(),
  /** 1-based, in reading order. */
  position: z.number().int().positive(),
  caption: z.string()
})
export type MissingPicture = z.infer<typeof MissingPictureSchema>

/** Written (pictures whose files were missing are listed; the rest of the article is there), or the person cancelled. */
export const ExportResultSchema = z.union([
  z.object({ path: z.string(), missing: z.array(MissingPictureSchema) }),
  z.object({ cancelled: z.literal(true) })
])
export type ExportResult = z.infer<typeof ExportResultSchema>

export const SiteStylesSchema = z.object({
  /** The default site style, followed by the office's own `<dataDir>/site.css` when there is one. */
  css: z.string(),
  source: z.enum(['default', 'custom']),
  /** Where the office's own style sheet is, or would be. */
  path: z.string()
})
export type SiteStyles = z.infer<typeof SiteStylesSchema>

export const exportChannels = {
  'preview:styles': {
    request: NoRequest,
    response: SiteStylesSchema
  },
  'preview:customizeStyles': {
    // Creates a commented starter file when there is none, so there is something to open and edit.
    request: NoRequest,
    response: z.object({ path: z.string(), created: z.boolean() })
  },
  'export:html': {
    // Main saves the open draft's pending edits, asks where to write, and writes; the page names no path.
    request: z.object({ draftId: DraftIdSchema }),
    response: ExportResultSchema
  },
  /** The page alone with its photos inside (data: addresses): one file that survives being mailed. */
  'export:htmlSingleFile': {
    request: z.object({ draftId: DraftIdSchema }),
    response: ExportResultSchema
  },
  'export:docx': {
    request: z.object({ draftId: DraftIdSchema }),
    response: ExportResultSchema
  },
  'export:showInFolder': {
    // Only a file this session exported: the page cannot use it to reveal other paths.
    request: z.object({ path: z.string().min(1) }),
    response: Ok
  }
} as const satisfies ChannelMap

export const exportEvents = {} as const satisfies EventMap
