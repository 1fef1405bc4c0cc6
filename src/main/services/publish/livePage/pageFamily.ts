import type { PageFamily } from '../../../../shared/model/publish'

/*
 * Where each family of school news page keeps the article. The platforms without a publishing API (博达 VSB 站群,
 * 苏迪 WebPlus, 大汉 JCMS) each wrap the body in one element of their own, whatever the school's template
 * around it; WordPress themes and our own pages (local site, the in-house CMS) mark it by class.
 */


/** The family whose article element this is, or null. */
export function articleAreaFamily(attributes: Record<string, string>): PageFamily | null {
  const id = attributes.id ?? ''
  const classes = (attributes.class ?? '').split(/\s+/)
  // VSB numbers the wrapper per content component: vsb_content, vsb_content_2, vsb_content_100.
  if (/^vsb_content(_\d+)?$/.test(id) || classes.includes('v_news_content')) return 'vsb'
  if (classes.includes('wp_articlecontent')) return 'webplus'
  if (id === 'zoom') return 'jcms'
  if (classes.includes('entry-content') || classes.includes('wp-block-post-content')) return 'wordpress'
  if (classes.includes('news-article') || classes.includes('article-content') || classes.includes('post-content')) return 'newsroom'
  return null
}

/**
 * Traces a platform leaves outside the article (script paths, counters, generator tags): they name the family
 * of a page whose article element is missing, so the report can say which template it expected.
 */
const TRACES: readonly (readonly [RegExp, PageFamily])[] = [
  [/\/system\/resource\/|_showdynclicks|vsbscreen|_sitegray/i, 'vsb'],
  [/\/_js\/|wp_articlecontent|sudy|webplus/i, 'webplus'],
  [/hanweb|\/jcms\/|jcms_files/i, 'jcms'],
  [/\/wp-content\/|\/wp-includes\/|wordpress/i, 'wordpress']
]

export function familyFromTrace(value: string): PageFamily | null {
  return TRACES.find(([pattern]) => pattern.test(value))?.[1] ?? null
}

/** Block elements the generic fallback may pick as the smallest one holding the whole article. */
export const BLOCK_TAGS = new Set(['div', 'section', 'article', 'main', 'td', 'body', 'form', 'center'])
