/*
 * A WAF or JavaScript challenge answers in place of the article: Chinese school sites sit behind 加速乐, 安全狗,
 * 云锁, 360 网站卫士, 宝塔, 阿里云/腾讯云 WAF, 创宇盾 or Cloudflare. Such a page lacks every paragraph, and calling it
 * "tampered" would be a false alarm the office learns to ignore; it is reported as 无法检查（被网站拦截）.
 */

/** Strings only a challenge or block page carries (cookie names, script paths, product names). */
const MARKERS: readonly (readonly [string, string])[] = [
  ['__jsl_clearance', '加速乐'],
  ['jiasule', '加速乐'],
  ['acw_sc__v2', '阿里云 WAF'],
  ['aliyun_waf', '阿里云 WAF'],
  ['errors.aliyun.com', '阿里云 WAF'],
  ['waf.tencent', '腾讯云 WAF'],
  ['safedog', '安全狗'],
  ['安全狗', '安全狗'],
  ['yunsuo_session', '云锁'],
  ['云锁', '云锁'],
  ['360wzws', '360 网站卫士'],
  ['wzws-ray', '360 网站卫士'],
  ['btwaf', '宝塔 WAF'],
  ['创宇盾', '创宇盾'],
  ['yunaq', '创宇盾'],
  ['/cdn-cgi/challenge-platform', 'Cloudflare'],
  ['cf-chl-', 'Cloudflare'],
  ['cf_chl_', 'Cloudflare'],
  ['checking your browser', 'JavaScript challenge'],
  ['请开启javascript', 'JavaScript challenge'],
  ['访问被拦截', 'WAF'],
  ['您的访问被阻断', 'WAF'],
  ['网站防火墙', 'WAF']
]

/** The statuses a WAF answers with (521/567 are vendor-specific). */
const BLOCK_STATUSES = new Set([403, 405, 429, 503, 521, 567])

/** A page this small with a script that sets a cookie or moves the browser is a challenge, not an article. */
const TINY_PAGE_CHARS = 6000
const CHALLENGE_SCRIPT = /document\.cookie\s*=|(?:window\.|document\.)?location(?:\.href)?\s*=|location\.(?:replace|reload|assign)\s*\(|settimeout\s*\(\s*["']?[^)]*location/i

export type PageShape = {
  status: number
  /** The decoded page. */
  html: string
  /** The page's visible text length (outside scripts and styles). */
  visibleChars: number
  /** The script bodies of the page, joined. */
  scripts: string
  hasArticleArea: boolean
}

/** The name of what blocked the check, or null when the page is the site's own answer. */
export function blockedBy(page: PageShape): string | null {
  const head = page.html.slice(0, 65_536).toLowerCase()
  const marker = MARKERS.find(([needle]) => head.includes(needle.toLowerCase()))
  // A real article can mention 安全狗 in its text; a marker counts only on a page without its article area.
  if (marker !== undefined && !page.hasArticleArea) return marker[1]
  const challengeScript = CHALLENGE_SCRIPT.test(page.scripts)
  if (BLOCK_STATUSES.has(page.status) && (challengeScript || marker !== undefined)) return marker?.[1] ?? 'JavaScript challenge'
  if (!page.hasArticleArea && page.visibleChars < TINY_PAGE_CHARS && challengeScript) return 'JavaScript challenge'
  return null
}
