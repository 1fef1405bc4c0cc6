/**
 * The readable text of HTML from a site, block by block, for showing side by side. DOMParser builds an inert
 * document (no script runs, no image loads) and only text leaves it: the remote HTML is never put into the page.
 */
export function htmlBlocksAsText(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  for (const hidden of doc.querySelectorAll('script, style, template, noscript')) hidden.remove()
  const blocks = [...doc.body.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, figcaption, blockquote, pre, td')]
    // An outer block (a quote with paragraphs) is shown through its inner ones.
    .filter((element) => element.querySelector('p, li, h1, h2, h3, h4, h5, h6, figcaption, pre, td') === null)
    .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((text) => text !== '')
  if (blocks.length > 0) return blocks
  const whole = (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim()
  return whole === '' ? [] : [whole]
}

/** A job id the page chooses, so it can cancel before the answer comes. */
export function newPublishJobId(): string {
  return `pub-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
