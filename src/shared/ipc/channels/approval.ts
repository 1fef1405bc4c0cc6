import { z } from 'zod'
import { DraftIdSchema } from '../../model/draft'
import type { ChannelMap, EventMap } from './common'

export const approvalChannels = {
  /**
   * 稿件审批单 as PDF: main saves pending edits, asks where to write, prints the form (A4) and writes it
   * atomically. The form is in the UI language.
   */
  'approval:exportPdf': {
    request: z.object({ draftId: DraftIdSchema }),
    response: z.union([z.object({ path: z.string(), bytes: z.number().int().nonnegative() }), z.object({ cancelled: z.literal(true) })])
  },
  /** The same form as an HTML document, for a preview pane (render it in a sandboxed iframe via srcdoc). */
  'approval:formHtml': {
    request: z.object({ draftId: DraftIdSchema }),
    response: z.object({ html: z.string() })
  }
} as const satisfies ChannelMap

export const approvalEvents = {} as const satisfies EventMap
