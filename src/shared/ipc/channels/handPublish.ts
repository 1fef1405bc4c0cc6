import { z } from 'zod'
import { AppErrorCodeSchema } from '../../errorSchemas'
import { HAND_FIELDS } from '../../article/handPublish'
import { DraftIdSchema } from '../../model/draft'
import { LivePageReportSchema, PublishSignOffSchema, PublishTargetIdSchema } from '../../model/publish'
import type { ChannelMap } from './common'

const HandFieldValueSchema = z.object({ field: z.enum(HAND_FIELDS), value: z.string() })

export const HandCopyViewSchema = z.object({
  copy: z.object({
    fields: z.array(HandFieldValueSchema),
    html: z.string(),
    text: z.string(),
    photos: z.array(z.object({ number: z.number().int().positive(), assetId: z.string(), caption: z.string(), credit: z.string() }))
  }),
  /** 再次发布: what changed since the last hand-publish; null before the first. */
  changes: z.array(z.object({ part: z.union([z.enum(HAND_FIELDS), z.literal('body')]), before: z.string(), after: z.string() })).nullable(),
  lastAddress: z.string().nullable()
})

/** 网站后台（手动）: the guided hand-publish to a school back end without an API. */
export const handPublishChannels = {
  'handPublish:copy': { request: z.object({ draftId: DraftIdSchema, targetId: PublishTargetIdSchema }), response: HandCopyViewSchema },
  /**
   * The photos and their captions CSV into a new folder inside one the person picks in main's own dialog (the
   * page names no folder), then shown in the file manager. `folder` is null when the dialog was cancelled.
   */
  'handPublish:exportPhotos': { request: z.object({ draftId: DraftIdSchema }), response: z.object({ folder: z.string().nullable(), photos: z.number().int().nonnegative() }) },
  /** 打开网站后台: the back end address the target records, opened by main; the page names only the target. */
  'handPublish:openBackEnd': { request: z.object({ targetId: PublishTargetIdSchema }), response: z.object({ opened: z.boolean() }) },
  'handPublish:recordAddress': {
    // The address is what the person pasted: main reads it only when it is http(s) on the target's recorded news
    // site (acceptedLiveUrl), and the approval gate (先审后发) is checked before anything is recorded.
    request: z.object({ draftId: DraftIdSchema, targetId: PublishTargetIdSchema, url: z.string().trim().min(1).max(2000), signOff: PublishSignOffSchema.optional() }),
    response: z.object({ report: LivePageReportSchema, signOffError: AppErrorCodeSchema.nullable() })
  }
} as const satisfies ChannelMap

