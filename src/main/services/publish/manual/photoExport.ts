/*
 * The photos of a hand-published article go into a folder of their own, named by date and title, for the person
 * to upload at the 【图N】 placeholders. Offices run Windows: the name must survive its rules whatever the title
 * holds, and the whole path must stay under MAX_PATH, which Explorer and many upload dialogs still obey.
 */

/** 260 UTF-16 units including the terminating NUL. */
export const WINDOWS_MAX_PATH = 259
/** A folder name longer than this is unreadable in Explorer anyway. */
const NAME_MAX = 80

/** The characters Windows refuses in a name, as their full-width forms, which read the same in a Chinese title. */
const FULL_WIDTH: Record<string, string> = { '<': '＜', '>': '＞', ':': '：', '"': '＂', '/': '／', '\\': '＼', '|': '｜', '?': '？', '*': '＊' }
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i

/** A name Windows (and every other system) accepts: no forbidden or control characters, no reserved device name. */
export function windowsSafeName(raw: string, maxLength = NAME_MAX): string {
  let name = [...raw.normalize('NFC')]
    .map((char) => FULL_WIDTH[char] ?? ((char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f' ? ' ' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
  // Cut by code points, so an emoji or a rare character outside the BMP is never split in half.
  const points = [...name]
  let cut = ''
  for (const point of points) {
    if (cut.length + point.length > maxLength) break
    cut += point
  }
  // Windows drops trailing dots and spaces, so "news." and "news" would be the same folder.
  name = cut.replace(/[. ]+$/, '')
  if (name === '') return '_'
  const stem = name.split('.')[0] ?? ''
  return RESERVED.test(stem.trim()) ? `_${name}` : name
}

/**
 * `2026-11-20 学院召开推进会`, shortened so that `<parent>\<name>\<longest file>` stays within MAX_PATH. Null when
 * the parent alone leaves no room for a readable name (the person chooses a shorter folder).
 */
export function exportFolderName(parent: string, date: string, title: string, longestFileName: number): string | null {
  const budget = Math.min(NAME_MAX, WINDOWS_MAX_PATH - parent.replace(/[\\/]+$/, '').length - 1 - 1 - longestFileName)
  const prefix = windowsSafeName(date, 10)
  if (budget < prefix.length + 2) return null
  const titled = windowsSafeName(`${prefix} ${title.trim() === '' ? '无标题' : title}`, budget)
  return titled
}

/** `图1.jpg`, matching the placeholder 【图1】 in the body. */
export function photoFileName(number: number, assetId: string): string {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(assetId)?.[1]?.toLowerCase() ?? 'jpg'
  return `图${String(number)}.${extension}`
}

export const CAPTIONS_FILE = '图片说明.csv'

/** A cell Excel would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The captions list: UTF-8 with a BOM and CRLF, so Excel on a Chinese Windows opens it without mojibake. */
export function captionsCsv(rows: { number: number; file: string; caption: string; credit: string }[], header = ['编号', '文件名', '图片说明', '摄影']): string {
  const lines = [header, ...rows.map((row) => [`图${String(row.number)}`, row.file, row.caption, row.credit])]
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`
}
