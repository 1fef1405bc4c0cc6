import { z } from 'zod'
import { AssetIdSchema } from '../../article/schema'
import { DraftIdSchema } from '../../model/draft'
import { CaptureTimeSchema, ImageFailureCodeSchema } from '../../model/image'
import { Ok, type ChannelMap, type EventMap } from './common'

/**
 * Photos of one import (a photographer's folder, some files, dropped pictures): main keeps their paths, the
 * page only ever sees the ids it was given and preview addresses.
 */
export const PhotoSessionIdSchema = z.string().regex(/^[0-9a-f]{16}$/)
export const PhotoIdSchema = z.number().int().nonnegative()

export const PhotoEntrySchema = z.object({ id: PhotoIdSchema, name: z.string() })
export type PhotoEntry = z.infer<typeof PhotoEntrySchema>

export const PhotoPreviewInfoSchema = z.object({
  /** newsroom-preview://… in the app, the harness's /__previews/… in tests. */
  url: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  capturedAt: CaptureTimeSchema.nullable(),
  camera: z.string().nullable()
})
export type PhotoPreviewInfo = z.infer<typeof PhotoPreviewInfoSchema>

export const PhotoPreviewStateSchema = z.discriminatedUnion('status', [
  z.object({ id: PhotoIdSchema, status: z.literal('ready'), preview: PhotoPreviewInfoSchema }),
  z.object({ id: PhotoIdSchema, status: z.literal('failed'), code: ImageFailureCodeSchema, detail: z.string() })
])
export type PhotoPreviewState = z.infer<typeof PhotoPreviewStateSchema>

export const InsertedPhotoSchema = z.object({
  id: PhotoIdSchema,
  assetId: AssetIdSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  originalPath: z.string()
})
export type InsertedPhoto = z.infer<typeof InsertedPhotoSchema>

export const PhotoFailureSchema = z.object({ id: PhotoIdSchema, name: z.string(), code: ImageFailureCodeSchema, detail: z.string() })
export type PhotoFailure = z.infer<typeof PhotoFailureSchema>

const SessionResponse = z.object({ sessionId: PhotoSessionIdSchema, photos: z.array(PhotoEntrySchema) })

/** A dropped path main would not take (gone, not a photo, a folder without photos), named for the person. */
export const RefusedPathSchema = z.object({ name: z.string(), code: ImageFailureCodeSchema, detail: z.string() })
export type RefusedPath = z.infer<typeof RefusedPathSchema>

/** Base64 of one dropped or pasted picture, at most ~60 MB. */
const Base64Schema = z.string().max(90_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64')

export const PHOTO_INSERT_MAX = 60

const DropTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/)

export const photoChannels = {
  /** Main shows the file dialog (files, or a whole folder) and adds what was chosen to the session (a new one when null). */
  'photos:choose': {
    request: z.object({ mode: z.enum(['files', 'folder']), sessionId: PhotoSessionIdSchema.nullable() }),
    response: SessionResponse
  },
  /** A picture dropped or pasted from the page: kept in the cache folder, then treated like a chosen file. */
  'photos:addBytes': {
    request: z.object({ sessionId: PhotoSessionIdSchema.nullable(), name: z.string().min(1).max(255), base64: Base64Schema }),
    response: SessionResponse
  },
  /**
   * Files and folders dropped from the system, named by the single-use tokens of photos:registerDrop (the
   * page never holds a path): photos are read where they are, never copied through the page. Folders are
   * searched as photos:choose does; `folders` says how many were folders, so a dropped folder can open the
   * culling view.
   */
  'photos:addPaths': {
    request: z.object({ sessionId: PhotoSessionIdSchema.nullable(), tokens: z.array(DropTokenSchema).min(1).max(3000) }),
    response: SessionResponse.extend({ refused: z.array(RefusedPathSchema), folders: z.number().int().nonnegative() })
  },
  /**
   * Preload only: the paths Electron's webUtils.getPathForFile gave for files the person dropped, each
   * answered by a single-use token for photos:addPaths.
   */
  'photos:registerDrop': {
    request: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(3000) }),
    response: z.object({ tokens: z.array(DropTokenSchema) }),
    preloadOnly: true
  },
  /** Makes the previews of the session's photos not made yet; each one is also pushed as `photos:progress`. */
  'photos:previews': {
    request: z.object({ sessionId: PhotoSessionIdSchema }),
    response: z.object({ photos: z.array(PhotoPreviewStateSchema) })
  },
  /** Compresses the picked photos with the settings' profile into the draft's assets; per-file failures, the rest carry on. */
  'photos:insert': {
    request: z.object({
      sessionId: PhotoSessionIdSchema,
      draftId: DraftIdSchema,
      photoIds: z.array(PhotoIdSchema).min(1).max(PHOTO_INSERT_MAX),
      credit: z.string().trim().max(200)
    }),
    response: z.object({ photos: z.array(InsertedPhotoSchema), failures: z.array(PhotoFailureSchema) })
  },
  /** The photo at full size (upright, sRGB JPEG in the cache) for the large view's 100%. */
  'photos:large': {
    request: z.object({ sessionId: PhotoSessionIdSchema, id: PhotoIdSchema }),
    response: z.object({ url: z.string(), width: z.number().int().positive(), height: z.number().int().positive() })
  },
  /** Stops the session's running previews or insert; files already done stay done. */
  'photos:cancel': { request: z.object({ sessionId: PhotoSessionIdSchema }), response: Ok },
  /** Forgets the session (the culling view closed). */
  'photos:close': { request: z.object({ sessionId: PhotoSessionIdSchema }), response: Ok }
} as const satisfies ChannelMap

export const photoEvents = {
  'photos:progress': z.object({
    sessionId: PhotoSessionIdSchema,
    phase: z.enum(['preview', 'insert']),
    id: PhotoIdSchema,
    state: z.enum(['working', 'done', 'failed', 'cancelled']),
    code: ImageFailureCodeSchema.optional(),
    preview: PhotoPreviewInfoSchema.optional(),
    finished: z.number().int().nonnegative(),
    total: z.number().int().nonnegative()
  })
} as const satisfies EventMap
