// Renders every platform's icon from the one master, resources/icons/icon.svg:
//   resources/icons/png/<n>x<n>.png   Linux (deb, AppImage) and the window icon
//   resources/icons/icon.ico          Windows exe, installer, shortcuts and .newsroom files
//   resources/icons/icon.icns         macOS app and dmg
// Run `node scripts/packaging/icons.mjs` after editing the SVG and commit the results.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { encodeIcns, encodeIco } from './iconFormats.mjs'

export const ICON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'icons')
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

export async function renderIcon(svg, size) {
  // Rasterise at (at least) the target size so small icons are drawn, not blurred down from a 72-dpi render.
  const density = Math.max(72, Math.ceil((72 * size) / 1024) * 2)
  return sharp(svg, { density }).resize(size, size).png({ compressionLevel: 9 }).toBuffer()
}

export async function buildIcons(iconDir = ICON_DIR) {
  const svg = await readFile(join(iconDir, 'icon.svg'))
  const pngBySize = new Map()
  for (const size of PNG_SIZES) pngBySize.set(size, await renderIcon(svg, size))
  await mkdir(join(iconDir, 'png'), { recursive: true })
  for (const [size, png] of pngBySize) await writeFile(join(iconDir, 'png', `${size}x${size}.png`), png)
  await writeFile(join(iconDir, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, png: pngBySize.get(size) }))))
  await writeFile(join(iconDir, 'icon.icns'), encodeIcns(pngBySize))
  return pngBySize
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildIcons()
  console.log(`icons written to ${ICON_DIR}`)
}
