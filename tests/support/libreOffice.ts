import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const inCI = process.env.CI === 'true' || process.env.CI === '1'
const runs = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0

/**
 * Why a Word file cannot be rendered here, or null. In CI a missing LibreOffice or poppler fails the run
 * instead (scripts/test.mjs and .ci/run install them), so the rendering checks never go quietly missing.
 */
export function docxRenderingUnavailable(): string | null {
  const missing = [
    ...(runs('soffice', ['--version']) ? [] : ['LibreOffice (apt-get install -y --no-install-recommends libreoffice-writer-nogui)']),
    ...(runs('pdftotext', ['-v']) ? [] : ['poppler-utils'])
  ]
  if (missing.length === 0) return null
  const reason = `Word files are not rendered: ${missing.join(' and ')} not found`
  if (inCI) throw new Error(reason)
  return reason
}

/** The .docx as LibreOffice lays it out, printed to PDF (its own profile, so parallel runs do not collide). */
export async function docxToPdf(docx: string, outDir: string): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'newsroom-lo-profile-'))
  try {
    const result = spawnSync(
      'soffice',
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, docx],
      { encoding: 'utf8', timeout: 120_000 }
    )
    if (result.status !== 0) throw new Error(`LibreOffice could not convert ${docx}: ${result.stderr}`)
  } finally {
    await rm(profile, { recursive: true, force: true })
  }
  return join(outDir, `${basename(docx).replace(/\.docx$/i, '')}.pdf`)
}

export type PdfImage = { page: number; width: number; height: number; xPpi: number; yPpi: number }

/** Every picture placed in the PDF: its page, pixel size and the resolution it is shown at (`pdfimages -list`). */
export function pdfImages(pdf: string): PdfImage[] {
  const out = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/)
      return { page: Number(cells[0]), width: Number(cells[3]), height: Number(cells[4]), xPpi: Number(cells[12]), yPpi: Number(cells[13]) }
    })
}

export function pdfPageCount(pdf: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)?.[1] ?? 0)
}

export function pdfPageText(pdf: string, page: number): string {
  return spawnSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).stdout
}

export function pdfFonts(pdf: string): string[] {
  return spawnSync('pdffonts', [pdf], { encoding: 'utf8' })
    .stdout.split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter((name) => name !== '')
}

/** One page as a PNG at `dpi` (`pdftoppm`). */
export function pdfPagePng(pdf: string, page: number, dpi: number, outPrefix: string): string {
  spawnSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, outPrefix])
  return `${outPrefix}.png`
}
