import { useEffect, useRef } from 'react'
import { PREVIEW_FRAME_CSS } from './previewMarkup'

type Props = {
  /** From previewMarkup: articleToHtml's closed-schema output, escaped, with no script or event attribute. */
  markup: string
  css: string
  label: string
}

/**
 * The article in a shadow root: the site's CSS (the office's own included) styles only what is inside and
 * cannot reach the app, and the app's CSS cannot reach in. A shadow root rather than a sandboxed iframe so
 * that Esc, focus and the accessibility tree stay with the dialog. The markup is set as HTML because it is
 * our own serializer's output; the CSS is set as text, so no style sheet can close its element.
 */
export function ArticlePreview({ markup, css, label }: Props) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = host.current
    if (!element) return
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' })
    const frameStyle = document.createElement('style')
    frameStyle.textContent = PREVIEW_FRAME_CSS
    const siteStyle = document.createElement('style')
    siteStyle.textContent = css
    const page = document.createElement('div')
    page.className = 'news-page'
    page.innerHTML = markup
    root.replaceChildren(frameStyle, siteStyle, page)
  }, [markup, css])
  return <div ref={host} className="preview-page" role="region" aria-label={label} tabIndex={0} />
}
