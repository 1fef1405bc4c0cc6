/*
 * Which addresses belong to a publishing target's site. A hostile or compromised site decides what its
 * answers say (a post's `link`, a `Location` header), so main checks every address it is about to read,
 * follow or open against the target itself: http(s) only, on the target's own origin or a host the person
 * declared for it.
 */

export type SiteScope = {
  /** The target's base address (`https://news.school.edu.cn/cms`); its origin is the site. */
  baseUrl: string
  /** Further host names the person declared as the same site (a CDN for article pages, the www. name). */
  hosts?: readonly string[]
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

const isHttp = (url: URL) => url.protocol === 'http:' || url.protocol === 'https:'

/** Same host and port, http upgraded to https (a site that forces https keeps the credentials encrypted). */
function sameOriginOrUpgrade(url: URL, base: URL): boolean {
  if (url.origin === base.origin) return true
  if (base.protocol !== 'http:' || url.protocol !== 'https:' || url.hostname !== base.hostname) return false
  const basePort = base.port === '' ? '80' : base.port
  return basePort === '80' ? url.port === '' || url.port === '443' : url.port === basePort
}

/** May the Authorization header go to this address? Only to the target's own origin. */
export function isOwnOrigin(scope: SiteScope, url: string): boolean {
  const parsed = parse(url)
  const base = parse(scope.baseUrl)
  return parsed !== null && base !== null && isHttp(parsed) && parsed.username === '' && parsed.password === '' && sameOriginOrUpgrade(parsed, base)
}

/** May main read or open this address as part of the target's site (without credentials)? */
export function isOnSite(scope: SiteScope, url: string): boolean {
  if (isOwnOrigin(scope, url)) return true
  const parsed = parse(url)
  if (parsed === null || !isHttp(parsed) || parsed.username !== '' || parsed.password !== '') return false
  const host = parsed.hostname.toLowerCase()
  return (scope.hosts ?? []).some((declared) => declared.toLowerCase() === host)
}
