import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate'

/**
 * What Word, WPS and LibreOffice need to replace a font the machine lacks with one of the same kind: the
 * other name it goes by (宋体 is SimSun), its character set (86 = GB2312), its family and its PANOSE class.
 * Without these a machine with no 宋体 takes whatever CJK face comes first, often a Japanese sans. The free
 * Noto/思源 faces are declared too, so a document restyled to them keeps Chinese glyphs.
 */
export const CJK_FONT_TABLE = [
  { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
  { name: 'SimSun', altName: '宋体', panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
  { name: 'Noto Serif CJK SC', altName: '思源宋体', panose: '02020400000000000000', family: 'roman', pitch: 'variable' },
  { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: 'Noto Sans CJK SC', altName: '思源黑体', panose: '020B0500000000000000', family: 'swiss', pitch: 'variable' }
] as const

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export function fontTableEntries(): string {
  return CJK_FONT_TABLE.map(
    (font) =>
      `<w:font w:name="${escapeXml(font.name)}"><w:altName w:val="${escapeXml(font.altName)}"/><w:panose1 w:val="${font.panose}"/>` +
      `<w:charset w:val="86"/><w:family w:val="${font.family}"/><w:pitch w:val="${font.pitch}"/></w:font>`
  ).join('')
}

/** The .docx with the CJK entries in word/fontTable.xml (the docx library writes that part empty). */
export function withFontFallbacks(docx: Uint8Array): Buffer {
  const files = unzipSync(docx)
  const table = files['word/fontTable.xml']
  if (table === undefined) return Buffer.from(docx)
  const xml = strFromU8(table)
  const entries = fontTableEntries()
  const filled = /<w:fonts\b[^>]*\/>/.test(xml) ? xml.replace(/(<w:fonts\b[^>]*)\/>/, `$1>${entries}</w:fonts>`) : xml.replace('</w:fonts>', `${entries}</w:fonts>`)
  const out: Zippable = {}
  // Photos are compressed already: stored as they are, the repack costs next to nothing.
  for (const [path, bytes] of Object.entries(files)) out[path] = path === 'word/fontTable.xml' ? strToU8(filled) : path.startsWith('word/media/') ? [bytes, { level: 0 }] : bytes
  return Buffer.from(zipSync(out, { level: 6 }))
}
