import { z } from 'zod'
import { LibraryResultSchema, LibraryViewSchema } from '../../library/query'
import type { ChannelMap, EventMap } from './common'

export const libraryChannels = {
  /** Search, filters and sort of the active drafts; 等我处理 uses settings.userName, never a name from the page. */
  'library:query': {
    /** knownChoices: the `choicesRevision` of the filters' values the page has; the answer leaves them out if unchanged. */
    request: z.object({ view: LibraryViewSchema, knownChoices: z.number().int().nonnegative().optional() }),
    response: LibraryResultSchema
  }
} as const satisfies ChannelMap

export const libraryEvents = {} as const satisfies EventMap
