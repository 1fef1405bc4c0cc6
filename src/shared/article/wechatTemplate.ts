/**
 * The office's look for 公众号 articles: the colours of the title bar, headings and captions, and the block
 * that closes every article. Versioned: the version says which look a reviewer saw, so the renderer never
 * guesses between two looks with the same number.
 */
export interface WechatTemplate {
  /** Raised by one each time the office saves a changed look. */
  version: number
  /** Title bar, heading marks, note numbers. */
  accent: string
  /** Body text. */
  text: string
  /** Captions, credit line and notes. */
  muted: string
  /** The column (栏目) as a coloured bar above the article. */
  titleBar: boolean
  /** A closing line after the credit line, e.g. `— 完 —` or the office's name; '' for none. */
  endText: string
}

export const DEFAULT_WECHAT_TEMPLATE: Readonly<WechatTemplate> = {
  version: 1,
  accent: '#9b1c1c',
  text: '#333333',
  muted: '#888888',
  titleBar: true,
  endText: ''
}

export const WECHAT_END_TEXT_MAX = 60

const HEX_COLOUR = /^#[0-9a-f]{6}$/i

/**
 * The template as the renderer may use it: colours go into style attributes, so anything but `#rrggbb`
 * falls back to the default rather than reaching the markup.
 */
export function normalizeWechatTemplate(input: Partial<WechatTemplate> | undefined): WechatTemplate {
  const t = input ?? {}
  const colour = (value: unknown, fallback: string): string => (typeof value === 'string' && HEX_COLOUR.test(value) ? value.toLowerCase() : fallback)
  return {
    version: Number.isSafeInteger(t.version) && (t.version ?? 0) >= 1 ? (t.version as number) : DEFAULT_WECHAT_TEMPLATE.version,
    accent: colour(t.accent, DEFAULT_WECHAT_TEMPLATE.accent),
    text: colour(t.text, DEFAULT_WECHAT_TEMPLATE.text),
    muted: colour(t.muted, DEFAULT_WECHAT_TEMPLATE.muted),
    titleBar: typeof t.titleBar === 'boolean' ? t.titleBar : DEFAULT_WECHAT_TEMPLATE.titleBar,
    endText: typeof t.endText === 'string' ? t.endText.trim().slice(0, WECHAT_END_TEXT_MAX) : DEFAULT_WECHAT_TEMPLATE.endText
  }
}
