/**
 * How a published address reads to a person: the web site's host and path (news.school.edu.cn/2024/10/a.html),
 * or for a page written to a folder, the site's name and the page's last folders, never a raw file:// path.
 * Null when the address is not a URL at all; the caller then shows it as it is.
 */
export function publishedAddressLabel(url: string, siteName: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  const segments = parsed.pathname.split('/').filter((segment) => segment !== '').map(decodeSegment)
  if (parsed.protocol === 'file:') {
    const tail = segments.slice(-2).join('/')
    return tail === '' ? siteName : `${siteName} / ${tail}`
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  return [parsed.host, ...segments].join('/')
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
