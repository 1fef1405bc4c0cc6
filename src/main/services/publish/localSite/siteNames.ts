import { DEFAULT_TIME_ZONE } from '../../../../shared/article/creditLine'
import { fileNameFor } from '../../export/articleExporter'

/**
 * Names on the local site are read by people opening the folder, on Windows too: date and title for an
 * article's folder, position and caption for a photo. Windows keeps a whole path under 260 characters unless
 * long paths are switched on, so each name is capped well below that.
 */
export const FOLDER_NAME_MAX = 48
export const PHOTO_NAME_MAX = 32

/** A name safe on Windows, macOS and Linux, at most `max` characters (never half a surrogate pair). */
export function siteFileName(text: string, max: number, fallback: string): string {
  const cleaned = fileNameFor(text, '')
  const capped = Array.from(cleaned).slice(0, max).join('').trim().replace(/[. ]+$/, '')
  return capped === '' ? fallback : capped
}

/** `2026-11-20` in the school's time zone. */
export function siteDate(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/**
 * A new article's folder: `2026-11-20-学校召开推进会`, with `-2`, `-3` … when another article already has that
 * name (`taken` compares without case, as Windows and macOS do).
 */
export function articleFolderName(title: string, dateIso: string, taken: ReadonlySet<string>): string {
  const base = `${siteDate(dateIso)}-${siteFileName(title, FOLDER_NAME_MAX, 'article')}`
  const lower = new Set([...taken].map((name) => name.toLowerCase()))
  let name = base
  for (let n = 2; lower.has(name.toLowerCase()); n++) name = `${base}-${String(n)}`
  return name
}

/** `01-推进会会议现场.jpg`, or `01.jpg` without a caption; the position keeps names apart and in reading order. */
export function photoFileName(position: number, caption: string, extension: string): string {
  const number = String(position).padStart(2, '0')
  const label = siteFileName(caption, PHOTO_NAME_MAX, '')
  const ext = extension.toLowerCase().replace(/[^a-z0-9]/g, '')
  return `${label === '' ? number : `${number}-${label}`}.${ext}`
}

/** One path segment in an href: the names hold Chinese, spaces and `#`. */
export function hrefSegment(name: string): string {
  return encodeURIComponent(name)
}
