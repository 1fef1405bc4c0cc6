/**
 * The 公众号 platform's limits, from its 新增草稿 (draft/add) and 上传图文消息图片 (uploadimg) documentation;
 * docs/wechat.md cites each one.
 */
export const WECHAT_LIMITS = {
  /** 标题: 总长度不超过32个字. */
  titleChars: 32,
  /** 作者: 总长度不超过16个字. */
  authorChars: 16,
  /** 摘要: 总长度不超过128个字. */
  digestChars: 128,
  /** 正文: 必须少于2万字符 (the HTML counts). */
  contentChars: 20_000,
  /** 正文: 小于1M. Read as 1,000,000 bytes, the stricter of 10^6 and 2^20. */
  contentBytes: 1_000_000,
  /** 阅读原文 (content_source_url): 大小不可超过1 kb. */
  sourceUrlBytes: 1024,
  /** Photos in the article: jpg/png only, under 1 MB. */
  photoBytes: 1_000_000
} as const

/** Warn once this share of a limit is used, so there is room to cut before the platform refuses the article. */
export const WECHAT_WARN_RATIO = 0.9

/**
 * What a pasted photo adds when the editor replaces a placeholder by its own <img>: its mmbiz.qpic.cn address
 * (about 140 characters), data-src, data-ratio, data-w, class and style. An estimate, not a documented figure.
 */
export const WECHAT_IMG_MARKUP_ESTIMATE = 400

export type LimitLevel = 'ok' | 'near' | 'over'

export interface LimitUse {
  used: number
  limit: number
  level: LimitLevel
}

/** Characters as the platform counts them: one per code point, an emoji is one. */
export function charCount(text: string): number {
  return Array.from(text).length
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}

function use(used: number, limit: number, strict: boolean): LimitUse {
  const over = strict ? used >= limit : used > limit
  return { used, limit, level: over ? 'over' : used >= limit * WECHAT_WARN_RATIO ? 'near' : 'ok' }
}

export interface WechatContentSize {
  characters: LimitUse
  bytes: LimitUse
  /** The worse of the two. */
  level: LimitLevel
}

const WORSE: Record<LimitLevel, number> = { ok: 0, near: 1, over: 2 }
const worst = (...levels: LimitLevel[]): LimitLevel => levels.reduce((a, b) => (WORSE[b] > WORSE[a] ? b : a), 'ok')

/**
 * The rendered content against the content limits (both "fewer than" / "under", so reaching the limit is
 * over). `placeholders` photos count with WECHAT_IMG_MARKUP_ESTIMATE each for the <img> the editor puts there.
 */
export function measureWechatContent(html: string, placeholders = 0): WechatContentSize {
  const extra = placeholders * WECHAT_IMG_MARKUP_ESTIMATE
  const characters = use(charCount(html) + extra, WECHAT_LIMITS.contentChars, true)
  const bytes = use(utf8Bytes(html) + extra, WECHAT_LIMITS.contentBytes, true)
  return { characters, bytes, level: worst(characters.level, bytes.level) }
}

export interface WechatFields {
  title: string
  author: string
  digest: string
  /** 阅读原文: the published website address; '' when there is none yet. */
  sourceUrl: string
}

export type WechatFieldName = keyof WechatFields

/** Each field against its limit ("不超过": reaching the limit is allowed). */
export function checkWechatFields(fields: WechatFields): Record<WechatFieldName, LimitUse> {
  return {
    title: use(charCount(fields.title.trim()), WECHAT_LIMITS.titleChars, false),
    author: use(charCount(fields.author.trim()), WECHAT_LIMITS.authorChars, false),
    digest: use(charCount(fields.digest.trim()), WECHAT_LIMITS.digestChars, false),
    sourceUrl: use(utf8Bytes(fields.sourceUrl.trim()), WECHAT_LIMITS.sourceUrlBytes, false)
  }
}

/**
 * 先审后发 for 复制到公众号: with the gate on, only an article whose approval holds on its current content
 * (approved, or published since) goes to the 公众号; an edit, a new 摘要 or cover, or another template drops
 * the status, so what is copied is what reviewers signed.
 */
export function mayCopyForWechat(status: string, requireApproval: boolean): boolean {
  return !requireApproval || status === 'approved' || status === 'published'
}
