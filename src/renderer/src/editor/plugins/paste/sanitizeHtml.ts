import DOMPurify from 'dompurify'
import { HANDLER_MARK, LIST_ATTRIBUTES, markPossibleHandlers } from './prepareHtml'

/** Names a Word picture the asset store refused during a .docx import (set by main's docx service). */
export const MISSING_PICTURE_ATTRIBUTE = 'data-missing-picture'

/**
 * Only what the converter turns into article nodes. No style, class, id or event attribute ever passes;
 * spans and fonts go but keep their text; script, style, iframe, svg and math go with their content.
 */
const ALLOWED_TAGS = [
  'p', 'div', 'br', 'hr', 'pre',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'sup', 'sub', 'code',
  'a', 'img', 'figure', 'figcaption',
  'ul', 'ol', 'li', 'blockquote',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th'
]
const ALLOWED_ATTR = ['href', 'src', 'alt', ...LIST_ATTRIBUTES, MISSING_PICTURE_ATTRIBUTE]

export type SanitizeOptions = {
  /** `asset:<id>` picture sources: only HTML main made from a .docx may name stored assets. */
  allowAssetSources?: boolean
}

let purifier: ReturnType<typeof DOMPurify> | null = null

/**
 * Our own DOMPurify instance, so hooks or settings elsewhere in the renderer cannot loosen it. The hook
 * drops data: and every other non-file, non-web address that DOMPurify would let through on <img>
 * (it allows data: images by default): pasted pictures are stored assets or placeholders, never inline.
 */
function instance(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier
  const created = DOMPurify(window)
  created.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'src' && !/^(?:https?:|file:|asset:)/i.test(data.attrValue.trim())) data.keepAttr = false
  })
  purifier = created
  return created
}

/** Clipboard or .docx HTML reduced to the allow-list above, as a string to be parsed into an inert document. */
export function sanitizeClipboardHtml(html: string, options: SanitizeOptions = {}): string {
  const uri = options.allowAssetSources ? /^(?:https?:|mailto:|file:|asset:)/i : /^(?:https?:|mailto:|file:)/i
  // Reparsing serialized HTML can turn text into elements again (mutation XSS): DOMPurify removes them,
  // and the mark keeps their handlers from reaching the parser (and its CSP report) in the first place.
  // Marked attribute names are not on the allow-list, so only marks in text and values remain to take out.
  const clean = instance().sanitize(markPossibleHandlers(html), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: uri,
    // DOMPurify checks every attribute it does not know as plain text against the URI pattern above,
    // which our strict pattern would fail: these hold numbers, names and words, never addresses.
    ADD_URI_SAFE_ATTR: ['start', ...LIST_ATTRIBUTES, MISSING_PICTURE_ATTRIBUTE],
    KEEP_CONTENT: true,
    RETURN_TRUSTED_TYPE: false
  })
  return clean.replaceAll(HANDLER_MARK, '')
}
