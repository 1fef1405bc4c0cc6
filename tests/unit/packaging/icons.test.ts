import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain build script; its exports are exercised here
import { decodeIcns, decodeIco, encodeIco, ICNS_TYPES } from '../../../scripts/packaging/iconFormats.mjs'
// @ts-expect-error -- a plain build script; its exports are exercised here
import { ICO_SIZES, ICON_DIR, PNG_SIZES, renderIcon } from '../../../scripts/packaging/icons.mjs'

type Image = { size: number; png: Buffer }
type Element = { type: string; png: Buffer }

async function dimensions(png: Buffer) {
  const { width, height, format, hasAlpha } = await sharp(png).metadata()
  return { width, height, format, hasAlpha }
}

describe('the app icon', () => {
  it('Windows .ico holds every size from 16 to 256 px as PNG', async () => {
    const images = decodeIco(await readFile(join(ICON_DIR, 'icon.ico'))) as Image[]
    expect(images.map((image) => image.size)).toEqual(ICO_SIZES)
    for (const image of images) expect(await dimensions(image.png)).toEqual({ width: image.size, height: image.size, format: 'png', hasAlpha: true })
  })

  it('macOS .icns holds every type from 16 to 1024 px (retina included) as PNG', async () => {
    const elements = decodeIcns(await readFile(join(ICON_DIR, 'icon.icns'))) as Element[]
    expect(elements.map((element) => element.type)).toEqual(ICNS_TYPES.map(([type]: [string, number]) => type))
    for (const [index, element] of elements.entries()) {
      const size = ICNS_TYPES[index][1]
      expect(await dimensions(element.png)).toMatchObject({ width: size, height: size, format: 'png' })
    }
  })

  it('the committed images are renders of the current master SVG (run node scripts/packaging/icons.mjs after editing it)', async () => {
    const svg = await readFile(join(ICON_DIR, 'icon.svg'))
    for (const size of [32, 256]) {
      const committed = await sharp(await readFile(join(ICON_DIR, 'png', `${size}x${size}.png`))).raw().toBuffer()
      const fresh = await sharp(await renderIcon(svg, size)).raw().toBuffer()
      expect(committed.length).toBe(fresh.length)
      let differing = 0
      for (let i = 0; i < fresh.length; i++) if (Math.abs(committed[i]! - fresh[i]!) > 8) differing++
      expect(differing / fresh.length).toBeLessThan(0.01)
    }
    expect(PNG_SIZES).toEqual(expect.arrayContaining([16, 32, 48, 128, 256, 512, 1024]))
  })

  it('is a drawn icon, not a placeholder: transparent corners, an opaque tile, many colours', async () => {
    const { data, info } = await sharp(join(ICON_DIR, 'png', '256x256.png')).raw().toBuffer({ resolveWithObject: true })
    const alphaAt = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3]
    expect(alphaAt(2, 2)).toBe(0)
    expect(alphaAt(128, 128)).toBe(255)
    const colours = new Set<number>()
    for (let i = 0; i < data.length; i += info.channels) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!)
    expect(colours.size).toBeGreaterThan(200)
  })

  it('the .ico writer marks 256 px as 0 and refuses what .ico cannot hold', () => {
    const png = Buffer.from('png')
    const bytes = encodeIco([{ size: 256, png }]) as Buffer
    expect(bytes.readUInt8(6)).toBe(0)
    expect(bytes.readUInt32LE(6 + 12)).toBe(22)
    expect(() => encodeIco([{ size: 512, png }])).toThrow(/at most 256/)
  })
})
