import { createHash } from 'node:crypto'
import type { ArticleOutputSettings } from '../../../shared/article/articleOf'
import { DEFAULT_CREDIT_TEMPLATE } from '../../../shared/article/creditLine'
import { DEFAULT_WECHAT_TEMPLATE, normalizeWechatTemplate, type WechatTemplate } from '../../../shared/article/wechatTemplate'
import type { Draft } from '../../../shared/model/draft'
import type { WechatArticle } from '../../../shared/model/wechat'
import { canonicalContent, canonicalJson, type ContentHash, type SignedContent } from '../../../shared/model/workflow'

/** The content a sign-off vouches for, as stored in a history version. */
export function signedContentOf(draft: Pick<Draft, 'title' | 'column' | 'body' | 'metadata'>): SignedContent {
  return { title: draft.title, column: draft.column, body: draft.body, metadata: draft.metadata }
}

/**
 * The office's credit-line settings as a sign-off vouches for them: the published credit line is rendered
 * from them, so changing them after approval must void it like an edit. Null while they are the defaults,
 * which keeps the hashes of approvals made before the settings were covered (and of offices that never
 * changed them) as they were.
 */
export function creditSettingsInHash(output: ArticleOutputSettings | undefined): ArticleOutputSettings | null {
  if (output === undefined) return null
  const template = output.creditTemplate.trim()
  if ((template === '' || template === DEFAULT_CREDIT_TEMPLATE) && output.creditScript === 'simplified') return null
  return { creditTemplate: template === '' ? DEFAULT_CREDIT_TEMPLATE : template, creditScript: output.creditScript }
}

/** What a sign-off's hash covers besides the article: the credit settings and the office's 公众号 look. */
export type HashedOutputSettings = ArticleOutputSettings & { wechatTemplate?: WechatTemplate | undefined }

export type WechatInHash = { digest?: string; cover?: WechatArticle['cover']; template?: WechatTemplate }

const sameTemplate = (a: WechatTemplate, b: WechatTemplate): boolean => canonicalJson(a) === canonicalJson(b)

/**
 * The 公众号 parts a sign-off vouches for: the article's 摘要 and cover crop when set, and the office's 公众号
 * template (its version and look) once it is not the default. Null when there is none of them, which keeps
 * the hashes of articles and offices without a 公众号 version as they were.
 */
export function wechatInHash(wechat: WechatArticle | undefined, template: WechatTemplate | undefined): WechatInHash | null {
  const out: WechatInHash = {}
  if (wechat !== undefined && wechat.digest.trim() !== '') out.digest = wechat.digest.trim()
  if (wechat?.cover) out.cover = wechat.cover
  if (template !== undefined) {
    const normalized = normalizeWechatTemplate(template)
    if (!sameTemplate(normalized, DEFAULT_WECHAT_TEMPLATE)) out.template = normalized
  }
  return Object.keys(out).length === 0 ? null : out
}

/**
 * SHA-256 of the canonical JSON of title, column, body and metadata (see canonicalContent), followed by the
 * credit settings when they are not the defaults (see creditSettingsInHash), then the 公众号 parts when there
 * are any (see wechatInHash).
 */
export function contentHash(content: Pick<Draft, 'title' | 'column' | 'body' | 'metadata'> & { wechat?: WechatArticle | undefined }, output?: HashedOutputSettings): ContentHash {
  const credit = creditSettingsInHash(output)
  const wechat = wechatInHash(content.wechat, output?.wechatTemplate)
  const hash = createHash('sha256').update(canonicalContent(content), 'utf8')
  if (credit !== null) hash.update(`\n${canonicalJson({ credit })}`, 'utf8')
  if (wechat !== null) hash.update(`\n${canonicalJson({ wechat })}`, 'utf8')
  return hash.digest('hex')
}
