import { useEffect, useRef } from 'react'
import { escapeHtml } from '@shared/article/toHtml'

type Props = {
  /** From wechatPreviewOf: our own serializer's output, inline styles only, no script or event attribute. */
  html: string
  title: string
  /** The line under the title: author and account, as WeChat shows it. */
  byline: string
  label: string
}

/** How WeChat's article page frames the body on a phone: its width, margins, title and byline. */
const PHONE_FRAME_CSS = `
:host { all: initial; display: block; }
.phone { box-sizing: border-box; width: 375px; margin: 0 auto; padding: 20px 16px 32px; background: #ffffff;
  font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; overflow-wrap: break-word; }
.phone-title { margin: 0 0 12px; color: #222222; font-size: 22px; font-weight: bold; line-height: 1.4; }
.phone-byline { margin: 0 0 22px; color: #576b95; font-size: 15px; }
.phone img { max-width: 100%; }
`

/**
 * The 公众号 layout at a phone's width (375 px), in a shadow root like the site preview: nothing of the app's
 * CSS reaches it, so what shows is what the inline styles do.
 */
export function PhonePreview({ html, title, byline, label }: Props) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = host.current
    if (!element) return
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' })
    const style = document.createElement('style')
    style.textContent = PHONE_FRAME_CSS
    const phone = document.createElement('div')
    phone.className = 'phone'
    const heading = title === '' ? '' : `<h1 class="phone-title">${escapeHtml(title)}</h1>`
    const by = byline === '' ? '' : `<p class="phone-byline">${escapeHtml(byline)}</p>`
    phone.innerHTML = `${heading}${by}${html}`
    root.replaceChildren(style, phone)
  }, [html, title, byline])
  return <div ref={host} className="wechat-phone" role="region" aria-label={label} tabIndex={0} />
}
