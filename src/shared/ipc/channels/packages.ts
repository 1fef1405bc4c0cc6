import { z } from 'zod'
import { DraftIdSchema } from '../../model/draft'
import { NoRequest, type ChannelMap, type EventMap } from './common'

const IsoTimeSchema = z.iso.datetime({ offset: true })

/** The draft a package would overwrite, and the package's own version of it, for the keep-both / replace question. */
export const PackageConflictSchema = z.object({
  draftId: DraftIdSchema,
  existingTitle: z.string(),
  existingUpdatedAt: IsoTimeSchema,
  existingRevision: z.number().int().nonnegative(),
  packageTitle: z.string(),
  packageUpdatedAt: IsoTimeSchema,
  packageRevision: z.number().int().nonnegative()
})
export type PackageConflict = z.infer<typeof PackageConflictSchema>

export const packageChannels = {
  /** Main saves pending edits, asks where to write the `.newsroom` file, and writes it atomically. */
  'packages:export': {
    request: z.object({ draftId: DraftIdSchema }),
    response: z.union([
      z.object({
        path: z.string(),
        files: z.number().int().nonnegative(),
        bytes: z.number().int().nonnegative(),
        /** Damaged files of the draft folder (a history version that does not load) that were left out. */
        skipped: z.array(z.string())
      }),
      z.object({ cancelled: z.literal(true) })
    ])
  },
  /**
   * Without a token: main shows the open dialog, checks the whole package, and imports it, or, when the
   * draft is already here, answers `conflict` with a token and writes nothing. Then call again with that
   * token and the person's choice: 'keep-both' imports under a new id with the title marked as a copy,
   * 'replace' moves the existing draft to the trash first. A refused package is an error
   * ('package-invalid', 'package-too-new') whose message names what is wrong.
   */
  'packages:import': {
    request: z.object({
      token: z.string().min(1).max(100).optional(),
      onConflict: z.enum(['keep-both', 'replace']).optional()
    }),
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('cancelled') }),
      z.object({ outcome: z.literal('conflict'), token: z.string(), fileName: z.string(), conflict: PackageConflictSchema }),
      z.object({
        outcome: z.literal('imported'),
        draftId: DraftIdSchema,
        title: z.string(),
        /** The draft that was here is in the trash. */
        replaced: z.boolean(),
        /** Imported under a new id beside the draft that was here. */
        keptBoth: z.boolean()
      })
    ])
  },
  /**
   * The next .newsroom file the operating system opened with the app (double-click, command line, macOS
   * open-file, a second launch), or null. Only a token and the file name: import it with
   * `packages:import({ token })`, which asks keep-both / replace as for a chosen file.
   */
  'packages:takeOpened': {
    request: NoRequest,
    response: z.object({ opened: z.object({ token: z.string().min(1).max(100), fileName: z.string() }).nullable() })
  }
} as const satisfies ChannelMap

export const packageEvents = {
  /** A .newsroom file was opened with the app: call `packages:takeOpened`. */
  'packages:opened': z.object({}).strict()
} as const satisfies EventMap
