import { listMarkerOf } from './listMarkers'

/**
 * Reads what office suites say only in `style` attributes and conditional comments, before the sanitizer
 * removes both, and writes it down as markup the sanitizer keeps:
 *
 *  - Word list paragraphs (`mso-list:l0 level2 lfo1` plus a marker span `mso-list:Ignore`) get
 *    data-list-id / data-list-level / data-list-kind / data-list-start, and lose the marker text;
 *  - bold, italic, underline and strike-through set by CSS (Google Docs, web pages) become <strong>,
 *    <em>, <u>, <s>; a <b> or <i> that CSS says is normal (Google Docs' `docs-internal-guid` wrapper) is
 *    unwrapped;
 *  - Word's Title, Subtitle and Quote paragraph classes become <h1>, <h2> and <blockquote>.
 *
 * Works on a DOMParser document, which runs no script and loads no picture.
 */

export const LIST_ATTRIBUTES = ['data-list-id', 'data-list-level', 'data-list-kind', 'data-list-start'] as const

export function parseStyle(style: string | null): Map<string, string> {
  const declarations = new Map<string, string>()
  for (const part of (style ?? '').split(';')) {
    const colon = part.indexOf(':')
    if (colon <= 0) continue
    declarations.set(part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).trim().toLowerCase())
  }
  return declarations
}

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes))
}

function wrapChildren(element: Element, tag: string): void {
  const wrapper = element.ownerDocument.createElement(tag)
  wrapper.append(...Array.from(element.childNodes))
  element.append(wrapper)
}

function rename(element: Element, tag: string): Element {
  const replacement = element.ownerDocument.createElement(tag)
  replacement.append(...Array.from(element.childNodes))
  element.replaceWith(replacement)
  return replacement
}

function isMarkerSpan(element: Element): boolean {
  return /mso-list\s*:\s*ignore/i.test(element.getAttribute('style') ?? '')
}

const isHeading = (element: Element) => /^H[1-6]$/.test(element.tagName)

/**
 * Takes the list marker out of a Word list paragraph and returns its text. Chrome keeps Word's
 * `<!--[if !supportLists]-->…<!--[endif]-->` around the marker; Firefox keeps only the marker span.
 */
function takeMarker(paragraph: Element): string {
  const doc = paragraph.ownerDocument
  const walker = doc.createTreeWalker(paragraph, NodeFilter.SHOW_COMMENT)
  const comments: Comment[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node as Comment)
  const opening = comments.find((c) => /^\[if !supportLists\]$/i.test(c.data.trim()))
  let marker = ''
  if (opening) {
    const closing = comments.slice(comments.indexOf(opening) + 1).find((c) => /^\[endif\]$/i.test(c.data.trim()))
    if (closing) {
      const range = doc.createRange()
      range.setStartAfter(opening)
      range.setEndBefore(closing)
      marker = range.toString()
      range.deleteContents()
    }
  }
  for (const span of Array.from(paragraph.querySelectorAll('[style]')).filter(isMarkerSpan)) {
    if (!span.isConnected) continue
    if (marker === '') marker = span.textContent ?? ''
    span.remove()
  }
  return marker.replace(/[\s\u00a0]+/g, ' ').trim()
}

function annotateWordLists(body: HTMLElement): void {
  for (const element of Array.from(body.querySelectorAll('[style]'))) {
    const match = /mso-list\s*:\s*(l\d+)\s+level(\d+)/i.exec(element.getAttribute('style') ?? '')
    if (!match) continue
    const marker = takeMarker(element)
    if (isHeading(element)) {
      // Numbered headings stay headings; the number is part of what the reader saw.
      if (marker !== '') element.prepend(element.ownerDocument.createTextNode(`${marker} `))
      continue
    }
    const { kind, start } = listMarkerOf(marker)
    element.setAttribute('data-list-id', match[1] ?? 'l0')
    element.setAttribute('data-list-level', String(Math.min(Number(match[2] ?? '1') || 1, 9)))
    element.setAttribute('data-list-kind', kind)
    element.setAttribute('data-list-start', String(start))
  }
  // A marker span outside a list paragraph is still only a marker.
  for (const span of Array.from(body.querySelectorAll('[style]')).filter(isMarkerSpan)) span.remove()
}

const BOLD = /^(bold|bolder|[6-9]00)$/
const NOT_BOLD = /^(normal|lighter|[1-5]00)$/

function translateCssFormatting(body: HTMLElement): void {
  // Deepest first, so unwrapping an element never detaches one still to be visited.
  for (const element of Array.from(body.querySelectorAll('[style]')).reverse()) {
    const style = parseStyle(element.getAttribute('style'))
    const tag = element.tagName
    const weight = style.get('font-weight')
    const fontStyle = style.get('font-style')
    const decoration = `${style.get('text-decoration') ?? ''} ${style.get('text-decoration-line') ?? ''}`
    if ((tag === 'B' || tag === 'STRONG') && weight !== undefined && NOT_BOLD.test(weight)) {
      unwrap(element)
      continue
    }
    if ((tag === 'I' || tag === 'EM') && fontStyle === 'normal') {
      unwrap(element)
      continue
    }
    // Headings are bold by nature; a list item's font-weight (Google Docs sets one on every <li>) styles its marker.
    if (isHeading(element) || tag === 'LI' || tag === 'OL' || tag === 'UL') continue
    if (weight !== undefined && BOLD.test(weight) && tag !== 'B' && tag !== 'STRONG') wrapChildren(element, 'strong')
    if ((fontStyle === 'italic' || fontStyle === 'oblique') && tag !== 'I' && tag !== 'EM') wrapChildren(element, 'em')
    if (/underline/.test(decoration) && tag !== 'U') wrapChildren(element, 'u')
    if (/line-through/.test(decoration) && tag !== 'S' && tag !== 'STRIKE' && tag !== 'DEL') wrapChildren(element, 's')
  }
}

function translateWordClasses(body: HTMLElement): void {
  for (const element of Array.from(body.querySelectorAll('p[class]'))) {
    const cls = element.getAttribute('class') ?? ''
    if (/\bMsoTitle\b/i.test(cls)) rename(element, 'h1')
    else if (/\bMsoSubtitle\b/i.test(cls)) rename(element, 'h2')
    else if (/\bMso(Intense)?Quote\b/i.test(cls)) rename(element, 'blockquote')
  }
}

/** Marks every "on" that could start an attribute name; see parseUntrustedHtml. A noncharacter: no text holds it. */
export const HANDLER_MARK = '\ufdd0'
const MARK = HANDLER_MARK
const POSSIBLE_HANDLER = /([\s/"'])(on)/gi

/** The markup with every possible event-handler name made inert for the parser (see parseUntrustedHtml). */
export function markPossibleHandlers(html: string): string {
  return html.replace(POSSIBLE_HANDLER, `$1${MARK}$2`)
}
const GOOGLE_DOCS_WRAPPER = 'data-gdocs-wrapper'

/**
 * Parses untrusted HTML into a DOMParser document (which runs no script and loads nothing) that is safe
 * for the normalizer to walk:
 *
 *  - Chromium checks the page's CSP whenever it parses an event-handler attribute, even in such a
 *    document, and logs a violation. So the parser never sees one: every "on" after a space, slash or
 *    quote gets a mark first, making `onerror` an inert `\ufdd0onerror`; marked attributes are removed
 *    and the mark is taken out of all text and values again, so text like "only" is unchanged.
 *  - `name` and `id` attributes go (the sanitizer drops them anyway): they let markup overwrite the
 *    document's and forms' own properties (DOM clobbering), e.g. `<img name="createElement">`.
 *
 * Built-in methods are called through the prototypes here because clobbering is still possible until
 * this pass is done. DOMPurify decides afterwards what is kept.
 */
export function parseUntrustedHtml(html: string): Document {
  const elementProto = Element.prototype
  const documentProto = Document.prototype
  const doc = new DOMParser().parseFromString(markPossibleHandlers(html), 'text/html')
  for (const element of Array.from(documentProto.querySelectorAll.call(doc, '*'))) {
    for (const name of elementProto.getAttributeNames.call(element)) {
      if (name.includes(MARK) || name === 'name' || name === 'id') {
        // Google Docs marks its whole-clipboard <b> wrapper (which is not bold) by id.
        if (name === 'id' && /^docs-internal-guid/.test(elementProto.getAttribute.call(element, name) ?? '')) {
          elementProto.setAttribute.call(element, GOOGLE_DOCS_WRAPPER, '')
        }
        elementProto.removeAttribute.call(element, name)
        continue
      }
      const value = elementProto.getAttribute.call(element, name) ?? ''
      if (value.includes(MARK)) elementProto.setAttribute.call(element, name, value.replaceAll(MARK, ''))
    }
  }
  const walker = documentProto.createTreeWalker.call(doc, doc, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as CharacterData).data
    if (data.includes(MARK)) (node as CharacterData).data = data.replaceAll(MARK, '')
  }
  return doc
}

/** The clipboard's HTML with Word's and Google Docs' meaning moved from styles into markup; still unsafe. */
export function prepareClipboardHtml(html: string): string {
  const doc = parseUntrustedHtml(html)
  const body = doc.body
  for (const wrapper of Array.from(body.querySelectorAll(`[${GOOGLE_DOCS_WRAPPER}]`))) unwrap(wrapper)
  annotateWordLists(body)
  translateWordClasses(body)
  translateCssFormatting(body)
  return body.innerHTML
}
