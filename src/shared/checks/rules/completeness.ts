import type { RuleContext, RuleGroup, RuleId } from '../engine'
import type { CheckInput } from '../types'

/**
 * Whether the article is whole: photos with 图注 and 摄影 credit and big enough, the 标题 within the site's limit,
 * a 摘要 where the site wants one, no empty or doubled paragraphs, links only to the school's own sites.
 */

/** Links the reader sees written out in the text, as well as the ones behind linked words. */
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'“”‘’（）()，。；、！？]+/gi

export function hostOf(href: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(href) ? href : `http://${href}`)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase().replace(/\.$/, '') : null
  } catch {
    return null
  }
}

export function isOwnHost(host: string, ownDomains: readonly string[]): boolean {
  return ownDomains.some((domain) => host === domain || host.endsWith(`.${domain}`))
}

const normalise = (text: string) => text.replace(/[\s\u3000]+/g, '')

/**
 * 微信公众号's limits for an article (新增草稿 draft_add, developers.weixin.qq.com/doc/service/api/draftbox/
 * draftmanage/api_draft_add): title 不超过32个字, digest 不超过128个字.
 */
export const WECHAT_LIMITS = { title: 32, summary: 128 } as const

function overLimit(report: RuleContext['report'], ruleId: RuleId, segments: CheckInput['segments'], field: 'title' | 'summary', max: number): void {
  segments.forEach((segment, index) => {
    if (segment.field !== field) return
    const chars = [...segment.text.trim()]
    if (chars.length <= max) return
    const start = segment.text.indexOf(chars.slice(max).join(''), chars.slice(0, max).join('').length)
    report(ruleId, index, Math.max(0, start), segment.text.length, { length: chars.length, max })
  })
}

/** Paragraphs shorter than this repeat legitimately (“会议议程如下：”), so only longer ones count as duplicated. */
const DUPLICATE_MIN = 12

function segmentOfPhoto(input: CheckInput, key: string): number {
  const caption = input.segments.findIndex((s) => s.field === 'caption' && s.key === key)
  return caption === -1 ? 0 : caption
}

export const completenessRules: RuleGroup = {
  rulesFor({ options, photos }) {
    const ids: RuleId[] = ['complete.empty-paragraph', 'complete.duplicate-paragraph']
    if (photos.length > 0) ids.push('complete.caption', 'complete.credit')
    if (photos.length > 0 && options.minPhotoWidth !== null) ids.push('complete.photo-size')
    if (options.titleMax !== null) ids.push('complete.title-length')
    if (options.wechat === true) ids.push('complete.wechat-title', 'complete.wechat-summary')
    if (options.summaryRequired) ids.push('complete.summary')
    if (options.ownDomains.length > 0) ids.push('complete.external-link')
    return ids
  },
  run({ input, report }) {
    const { options, segments } = input
    for (const photo of input.photos) {
      const at = segmentOfPhoto(input, photo.key)
      if (photo.caption.trim() === '') report('complete.caption', at, 0, 0)
      if (photo.photographer.trim() === '') report('complete.credit', at, 0, segments[at]?.text.length ?? 0)
      if (options.minPhotoWidth !== null && photo.width > 0 && photo.width < options.minPhotoWidth) {
        report('complete.photo-size', at, 0, 0, { width: photo.width, height: photo.height, min: options.minPhotoWidth })
      }
    }
    if (options.titleMax !== null) overLimit(report, 'complete.title-length', segments, 'title', options.titleMax)
    if (options.wechat === true) {
      overLimit(report, 'complete.wechat-title', segments, 'title', WECHAT_LIMITS.title)
      overLimit(report, 'complete.wechat-summary', segments, 'summary', WECHAT_LIMITS.summary)
    }
    if (options.summaryRequired && !segments.some((s) => s.field === 'summary' && s.text.trim() !== '')) {
      const at = segments.findIndex((s) => s.field === 'summary')
      report('complete.summary', at === -1 ? Math.max(0, segments.findIndex((s) => s.field === 'title')) : at, 0, 0)
    }
    const seen = new Map<string, number>()
    segments.forEach((segment, index) => {
      if (segment.field !== 'body') return
      const flat = normalise(segment.text)
      if (flat === '') {
        // A trailing empty paragraph is where the caret waits for the next one; it is never published.
        if (segments.slice(index + 1).some((s) => s.field === 'body' && normalise(s.text) !== '')) report('complete.empty-paragraph', index, 0, segment.text.length)
        return
      }
      if (flat.length < DUPLICATE_MIN) return
      const first = seen.get(flat)
      if (first === undefined) seen.set(flat, index)
      else report('complete.duplicate-paragraph', index, 0, segment.text.length, { first: segments.slice(0, first + 1).filter((s) => s.field === 'body').length })
    })
    if (options.ownDomains.length > 0) {
      const external = (href: string) => {
        const host = hostOf(href)
        return host !== null && !isOwnHost(host, options.ownDomains) ? host : null
      }
      for (const link of input.links) {
        const host = external(link.href)
        if (host === null) continue
        const text = segments[link.segment]?.text ?? ''
        report('complete.external-link', link.segment, link.start ?? 0, link.end ?? text.length, { host, href: link.href.slice(0, 200) })
      }
      segments.forEach((segment, index) => {
        for (const match of segment.text.matchAll(URL_IN_TEXT)) {
          const href = match[0].replace(/[.,;:!?]+$/, '')
          const host = external(href)
          if (host !== null) report('complete.external-link', index, match.index, match.index + href.length, { host, href: href.slice(0, 200) })
        }
      })
    }
  }
}
