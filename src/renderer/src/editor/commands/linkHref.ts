// Relative, not @shared: unit tests load this module under Node without the alias.
import { safeLinkHref } from '../../../../shared/article/schema'

/**
 * The href for what a writer typed into the link box, or null when we will not publish it. Writers often
 * type `www.school.edu.cn` or an e-mail address without a scheme; those get https:// or mailto:. Anything
 * with another scheme (javascript:, file:, data:) is refused, never rewritten.
 */
export function linkHrefFromInput(input: string): string | null {
  const text = input.trim()
  if (text === '') return null
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+\.[^:/]+:\d/.test(text)) return safeLinkHref(text)
  if (/^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(text)) return safeLinkHref(`mailto:${text}`)
  if (/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?([/?#]|$)/u.test(text)) return safeLinkHref(`https://${text}`)
  return null
}

/** Links a writer may open from the editor: the desktop shell opens web pages only. */
export function isOpenableHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href) && safeLinkHref(href) !== null
}
