import { publishedAddressLabel } from './addressLabel'

/**
 * The published address as a link: the site's name or host and the page's path, the full address in its
 * tooltip; clicking it opens the page the way 打开网页 does (main opens it, the page never does).
 */
export function PublishedAddress({ url, siteName, onOpen }: { url: string; siteName: string; onOpen(): void }) {
  return (
    <button type="button" className="published-address" title={url} onClick={onOpen}>
      {publishedAddressLabel(url, siteName) ?? url}
    </button>
  )
}
