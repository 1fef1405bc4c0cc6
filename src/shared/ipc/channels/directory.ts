import { z } from 'zod'
import {
  ColumnInputSchema,
  CsvImportReportSchema,
  DepartmentInputSchema,
  DirectoryIdSchema,
  OfficeDirectorySchema,
  PersonInputSchema,
  SuggestFieldSchema
} from '../../model/directory'
import { NoRequest, type ChannelMap, type EventMap } from './common'

const ById = z.object({ id: DirectoryIdSchema })

export const directoryChannels = {
  'directory:get': { request: NoRequest, response: OfficeDirectorySchema },
  /** Adds a person (no id) or replaces one (id); names are unique ('already-exists'). Answers the whole directory. */
  'directory:savePerson': { request: z.object({ person: PersonInputSchema }), response: OfficeDirectorySchema },
  'directory:removePerson': { request: ById, response: OfficeDirectorySchema },
  'directory:saveDepartment': { request: z.object({ department: DepartmentInputSchema }), response: OfficeDirectorySchema },
  'directory:removeDepartment': { request: ById, response: OfficeDirectorySchema },
  'directory:saveColumn': { request: z.object({ column: ColumnInputSchema }), response: OfficeDirectorySchema },
  'directory:removeColumn': { request: ById, response: OfficeDirectorySchema },
  /** Autocomplete for a metadata field: people with the field's role, departments, or columns. */
  'directory:suggest': {
    request: z.object({ field: SuggestFieldSchema, prefix: z.string().max(100), limit: z.number().int().min(1).max(100).optional() }),
    response: z.object({ names: z.array(z.string()) })
  },
  /**
   * Main shows the open dialog and reads the staff list, changing nothing: the answer says what applying
   * it would do. Apply it with `directory:applyCsv` and the token.
   */
  'directory:previewCsv': {
    request: NoRequest,
    response: z.discriminatedUnion('cancelled', [
      z.object({ cancelled: z.literal(true) }),
      z.object({ cancelled: z.literal(false), token: z.string(), fileName: z.string(), report: CsvImportReportSchema })
    ])
  },
  'directory:applyCsv': {
    request: z.object({ token: z.string().min(1).max(100) }),
    response: z.object({ report: CsvImportReportSchema, directory: OfficeDirectorySchema })
  },
  /** Main shows the save dialog and writes the staff list (UTF-8 with BOM, header in the UI language). */
  'directory:exportCsv': {
    request: NoRequest,
    response: z.union([z.object({ path: z.string() }), z.object({ cancelled: z.literal(true) })])
  }
} as const satisfies ChannelMap

export const directoryEvents = {} as const satisfies EventMap
