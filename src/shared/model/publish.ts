import { z } from 'zod'
import { HAND_FIELDS } from '../article/handPublish'
import { AssetIdSchema } from '../article/schema'
import { DraftIdSchema } from './draft'
import { NAME_MAX } from './metadata'
import { COMMENT_MAX } from './signOff'

/** Target ids are folder- and key-safe, like draft ids. */
export const PublishTargetIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not a target id')
export type PublishTargetId = z.infer<typeof PublishTargetIdSchema>

/**
 * Where a password or token lives in the SecretStore. Main derives it from the target (services/publish/
 * secretBinding.ts): no target setting and no request from the page carries one, so a page cannot point a
 * stored password at a server of its choosing. A `secretRef` in an older targets file is ignored.
 */
export const SecretRefSchema = z.string().regex(/^[a-z0-9][a-z0-9:._-]{0,127}$/, 'not a secret reference')
export type SecretRef = z.infer<typeof SecretRefSchema>

const HttpBaseUrlSchema = z
  .url({ protocol: /^https?$/ })
  .transform((url) => url.replace(/\/+$/, ''))

/**
 * Host names that serve the same site besides the base address's (article pages on a CDN or the www. name):
 * its post links may point there and the live-page check reads them, but the password is never sent there.
 */
const SiteHostsSchema = z
  .array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]{1,253}$/, 'not a host name'))
  .max(10)
  .default([])

const TargetCommon = {
  id: PublishTargetIdSchema,
  name: z.string().trim().min(1).max(80)
}

/** The embedded default: a static page per article in a folder (no server needed). */
export const LocalSiteTargetSchema = z.object({
  ...TargetCommon,
  kind: z.literal('local'),
  /** Absolute folder; each article goes to `<folder>/<draftId>/index.html`. */
  folder: z.string().min(1)
})

export const WordPressRouteStyleSchema = z.enum(['auto', 'wp-json', 'rest_route'])
export type WordPressRouteStyle = z.infer<typeof WordPressRouteStyleSchema>

export const WordPressTargetSchema = z.object({
  ...TargetCommon,
  kind: z.literal('wordpress'),
  baseUrl: HttpBaseUrlSchema,
  username: z.string().trim().min(1).max(200),
  siteHosts: SiteHostsSchema,
  /** `/wp-json/…` (pretty permalinks) or `/?rest_route=…` (works everywhere); auto tries the first, then the second. */
  routeStyle: WordPressRouteStyleSchema.default('auto'),
  /** 栏目 → WordPress category id; a column not listed here is matched to a category of the same name. */
  categoryMap: z.record(z.string(), z.number().int().positive()).default({}),
  allowCreateCategory: z.boolean().default(false),
  /** What a publish asks for; `pending` (待审) when the office wants the site's editors to release it. */
  defaultStatus: z.enum(['publish', 'pending', 'draft']).default('publish')
})

/** Our article fields → the in-house CMS's field names (docs/cms-api.yaml); unmapped fields keep our names. */
export const CMS_ARTICLE_FIELDS = [
  'title',
  'subtitle',
  'content',
  'summary',
  'columnId',
  'tags',
  'coverMediaId',
  'publishAt',
  'status',
  'authors',
  'photographers',
  'editor',
  'sourceDepartment',
  'externalId'
] as const
export type CmsArticleField = (typeof CMS_ARTICLE_FIELDS)[number]

export const CmsTargetSchema = z.object({
  ...TargetCommon,
  kind: z.literal('cms'),
  baseUrl: HttpBaseUrlSchema,
  siteHosts: SiteHostsSchema,
  fieldMapping: z.partialRecord(z.enum(CMS_ARTICLE_FIELDS), z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/)).default({})
})

/**
 * 网站后台（手动）: a school back end without an API (VSB, WebPlus, JCMS, DedeCMS), published by hand with the
 * guided panel. `baseUrl` is the news site readers see (the live-page check reads only there), often another host
 * than the back end, which is only opened for the person. No password is stored.
 */
export const ManualTargetSchema = z.object({
  ...TargetCommon,
  kind: z.literal('manual'),
  baseUrl: HttpBaseUrlSchema,
  siteHosts: SiteHostsSchema,
  backEndUrl: z.union([HttpBaseUrlSchema, z.literal('')]).default('')
})

export const PublishTargetSchema = z.discriminatedUnion('kind', [LocalSiteTargetSchema, WordPressTargetSchema, CmsTargetSchema, ManualTargetSchema])
export type PublishTarget = z.output<typeof PublishTargetSchema>
export type PublishTargetInput = z.input<typeof PublishTargetSchema>
export type LocalSiteTarget = z.output<typeof LocalSiteTargetSchema>
export type WordPressTarget = z.output<typeof WordPressTargetSchema>
export type CmsTarget = z.output<typeof CmsTargetSchema>
export type ManualTarget = z.output<typeof ManualTargetSchema>

export const PublishTargetListSchema = z.object({
  targets: z.array(PublishTargetSchema),
  defaultTargetId: PublishTargetIdSchema.nullable()
})
export type PublishTargetList = z.output<typeof PublishTargetListSchema>

const IsoTime = z.iso.datetime({ offset: true })

/**
 * What lies outside the article on the live page (off-site links; scripts and frames), as the first check saw it.
 * Shown once; until the person accepts it, it is still the reference, and it is shown again.
 */
export const LiveBaselineSchema = z.object({
  links: z.array(z.string().max(2000)).max(2000),
  scripts: z.array(z.string().max(2000)).max(2000),
  takenAt: IsoTime,
  acceptedAt: IsoTime.nullable()
})
export type LiveBaseline = z.infer<typeof LiveBaselineSchema>

/** One uploaded image: uploaded again only when the bytes (content hash) change. */
export const PublishedImageSchema = z.object({
  remoteId: z.string(),
  remoteUrl: z.string(),
  contentHash: z.string()
})
export type PublishedImage = z.infer<typeof PublishedImageSchema>

/**
 * What a draft remembers about one target (publish.json in the draft folder). Written after every remote
 * step that creates something, so a cut at any point resumes without duplicates.
 */
export const PublishRecordSchema = z.object({
  targetId: PublishTargetIdSchema,
  remoteArticleId: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  /** The article's modified time on the site after our last publish: anything newer was edited there. */
  remoteModifiedAt: z.string().nullable(),
  lastPublishedAt: IsoTime.nullable(),
  /** The title and content we last sent, shown beside the site's version when it was edited there. */
  lastSent: z.object({ title: z.string(), content: z.string() }).nullable().default(null),
  images: z.record(AssetIdSchema, PublishedImageSchema).default({}),
  /** The page's own links and scripts outside the article, taken at the first check; null until then. */
  liveBaseline: LiveBaselineSchema.nullable().default(null),
  /** 网站后台（手动）: the fields and body text last pasted by hand, for 再次发布 to show what changed. */
  handCopy: z
    .object({ fields: z.array(z.object({ field: z.enum(HAND_FIELDS), value: z.string() })), text: z.string() })
    .nullable()
    .default(null)
})
export type PublishRecord = z.infer<typeof PublishRecordSchema>

export const PublishRecordFileSchema = z.object({
  schemaVersion: z.literal(1),
  targets: z.record(PublishTargetIdSchema, PublishRecordSchema)
})
export type PublishRecordFile = z.infer<typeof PublishRecordFileSchema>

/** What a person can act on; each has its own message in the UI. */
export const PUBLISH_ERROR_KINDS = [
  /** 401: wrong user name or application password / token. */
  'auth',
  /** 403: the account may not do this (publish: offer to submit as pending instead). */
  'forbidden',
  /** 413: an image or the article is larger than the site accepts. */
  'too-large',
  'tls',
  /** The proxy (or its PAC script) refused or failed; the office's network settings need a look. */
  'proxy',
  'timeout',
  'dns',
  /** No connection at all (refused, reset, network down). */
  'offline',
  /** 5xx. */
  'server',
  /** Edited on the site since our last publish; the error carries both versions. */
  'conflict',
  /** The site answered something that is not what the API promises. */
  'invalid-response',
  /** The article or image is gone on the site, or the address is not an API. */
  'not-found',
  'cancelled',
  /** The local site folder cannot be written. */
  'local-write',
  /** The local site folder (or the article's folder in it) is not the app's to replace: inside the library, or without our marker. */
  'local-not-ours',
  /** No secret stored for this target. */
  'no-credentials',
  /** The site sent us off itself (a redirect to another site or to file:); never followed, never retried. */
  'off-site',
  /** The site answered more than the app reads (an API answer or a live page over its cap). */
  'answer-too-large',
  /** A queued job whose draft was edited after it was signed off: sending it would publish unapproved text. */
  'content-changed'
] as const
export const PublishErrorKindSchema = z.enum(PUBLISH_ERROR_KINDS)
export type PublishErrorKind = z.infer<typeof PublishErrorKindSchema>

export const PublishConflictSchema = z.object({
  remoteModifiedAt: z.string(),
  ourLastPublishAt: z.string().nullable(),
  remote: z.object({ title: z.string(), content: z.string() }),
  ours: z.object({ title: z.string(), content: z.string() })
})
export type PublishConflict = z.infer<typeof PublishConflictSchema>

export const PublishErrorInfoSchema = z.object({
  kind: PublishErrorKindSchema,
  /** Technical detail for the log; never contains a secret. */
  message: z.string(),
  httpStatus: z.number().int().nullable(),
  /** The step that failed, e.g. `upload-image`. */
  step: z.string().nullable(),
  /** 403 on publishing: the same job with `status: 'pending'` may pass. */
  canSubmitPending: z.boolean().default(false),
  /** Worth retrying later without changing anything (offline, timeout, 5xx). */
  retryable: z.boolean(),
  conflict: PublishConflictSchema.nullable().default(null)
})
export type PublishErrorInfo = z.infer<typeof PublishErrorInfoSchema>

export const PUBLISH_STEPS = ['prepare', 'connect', 'upload-images', 'create-article', 'update-article', 'verify', 'done'] as const
export const PublishStepSchema = z.enum(PUBLISH_STEPS)
export type PublishStep = z.infer<typeof PublishStepSchema>

/** Progress events: the UI shows e.g. "上传图片 3/12" for {step: 'upload-images', done: 3, total: 12}. */
export const PublishProgressSchema = z.object({
  jobId: z.string(),
  draftId: DraftIdSchema,
  targetId: PublishTargetIdSchema,
  step: PublishStepSchema,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative()
})
export type PublishProgress = z.infer<typeof PublishProgressSchema>

export const PublishOptionsSchema = z.object({
  /** Overrides the target's defaultStatus (e.g. `pending` after a 403). */
  status: z.enum(['publish', 'pending', 'draft']).optional(),
  /** Overwrite an article edited on the site (after the person saw the conflict). */
  overwriteRemoteEdits: z.boolean().default(false),
  /** Check the live page afterwards (WordPress, CMS). */
  verify: z.boolean().default(true)
})
export type PublishOptions = z.input<typeof PublishOptionsSchema>

/** The page families the live-page check knows the article element of (docs/publish.md). */
export const PageFamilySchema = z.enum(['vsb', 'webplus', 'jcms', 'wordpress', 'newsroom', 'generic'])
export type PageFamily = z.infer<typeof PageFamilySchema>

export const LivePageFindingSchema = z.object({
  kind: z.enum([
    'missing-title',
    'missing-paragraph',
    'missing-caption',
    'foreign-link',
    'foreign-script',
    'foreign-iframe',
    /** Fewer photos in the article than were approved. */
    'missing-image',
    /** Outside the article: an off-site link, a script or a frame not in the accepted baseline. */
    'new-outside-link',
    'new-outside-script',
    /** A WAF or JavaScript challenge answered instead of the page: 无法检查（被网站拦截）, never "tampered". */
    'blocked',
    'no-article-area',
    'unreachable',
    /** The recorded address is not on the target's site (or, for the local site, not inside its folder): not read. */
    'refused-address',
    /** The page is larger than the check reads, or took longer than its time limit to check. */
    'page-too-large',
    'check-timeout'
  ]),
  detail: z.string()
})
export type LivePageFinding = z.infer<typeof LivePageFindingSchema>

/** ok: what was approved; changed: something differs; blocked: a WAF answered; unchecked: no page to compare. */
export const LivePageVerdictSchema = z.enum(['ok', 'changed', 'blocked', 'unchecked'])
export type LivePageVerdict = z.infer<typeof LivePageVerdictSchema>

export const LivePageReportSchema = z.object({
  url: z.string(),
  checkedAt: IsoTime,
  ok: z.boolean(),
  findings: z.array(LivePageFindingSchema),
  verdict: LivePageVerdictSchema.default('unchecked'),
  family: PageFamilySchema.nullable().default(null),
  /** A baseline the person has not accepted yet (shown with 接受); null once accepted. */
  baselineToAccept: LiveBaselineSchema.nullable().default(null)
})
export type LivePageReport = z.infer<typeof LivePageReportSchema>

export const PublishResultSchema = z.object({
  targetId: PublishTargetIdSchema,
  remoteArticleId: z.string(),
  remoteUrl: z.string(),
  status: z.enum(['publish', 'pending', 'draft', 'future', 'local']),
  imagesUploaded: z.number().int().nonnegative(),
  imagesReused: z.number().int().nonnegative(),
  created: z.boolean(),
  verification: LivePageReportSchema.nullable()
})
export type PublishResult = z.infer<typeof PublishResultSchema>

/** Who signs the publish (发布签字) and on which revision; recorded in the workflow once the site has it. */
export const PublishSignOffSchema = z.object({
  name: z.string().max(NAME_MAX),
  comment: z.string().max(COMMENT_MAX).optional(),
  revision: z.number().int().nonnegative()
})
export type PublishSignOff = z.infer<typeof PublishSignOffSchema>

export const OutboxJobSchema = z.object({
  jobId: z.string(),
  draftId: DraftIdSchema,
  targetId: PublishTargetIdSchema,
  options: PublishOptionsSchema,
  queuedAt: IsoTime,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: IsoTime,
  /** waiting: retried when due; failed: an error retrying cannot fix (shown until the person cancels it). */
  state: z.enum(['waiting', 'failed']).default('waiting'),
  lastError: PublishErrorInfoSchema.nullable(),
  /** The sign-off to record when a retry gets through. */
  signOff: PublishSignOffSchema.nullable().default(null),
  /** The content hash the job was approved on: a retry after an edit is not sent. Null for jobs queued before. */
  contentHash: z.string().nullable().default(null)
})
export type OutboxJob = z.infer<typeof OutboxJobSchema>

export const ConnectionReportSchema = z.object({
  /** The address answers as the expected API. */
  reachable: z.boolean(),
  /** The credentials are accepted. */
  authenticated: z.boolean(),
  /** The account may publish directly (else only pending). */
  canPublish: z.boolean(),
  columns: z.array(z.object({ id: z.string(), name: z.string() })),
  /** e.g. the WordPress route style that worked. */
  detail: z.string(),
  error: PublishErrorInfoSchema.nullable()
})
export type ConnectionReport = z.infer<typeof ConnectionReportSchema>
