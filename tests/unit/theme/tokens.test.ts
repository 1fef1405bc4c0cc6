import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const themeFile = (name: string) => readFileSync(fileURLToPath(new URL(`../../../src/renderer/src/theme/${name}`, import.meta.url)), 'utf8')

/** The custom properties of the first `:root` block (the defaults), with var() references resolved. */
function parseTokens(css: string): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css.replace(/\/\*[\s\S]*?\*\//g, ''))
  if (!root?.[1]) throw new Error('no :root block')
  const raw = new Map<string, string>()
  for (const match of root[1].matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) raw.set(match[1]!, match[2]!.trim())
  const resolve = (value: string, depth = 0): string => {
    if (depth > 10) throw new Error(`token cycle at ${value}`)
    return value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => {
      const inner = raw.get(name)
      if (inner === undefined) throw new Error(`unknown token ${name}`)
      return resolve(inner, depth + 1)
    })
  }
  return new Map([...raw].map(([name, value]) => [name, resolve(value)]))
}

/** WCAG 2.x relative luminance of an opaque #rgb or #rrggbb colour. */
function luminance(hex: string): number {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim())
  if (!match?.[1]) throw new Error(`not an opaque hex colour: ${hex}`)
  const digits = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1]
  const [r, g, b] = [0, 2, 4].map((at) => {
    const c = parseInt(digits.slice(at, at + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

const tokens = parseTokens(themeFile('tokens.css'))
const token = (name: string) => {
  const value = tokens.get(name)
  if (value === undefined) throw new Error(`missing token ${name}`)
  return value
}

/** Every surface text and the focus ring sit on. */
const SURFACES = ['--paper', '--canvas', '--surface-muted', '--surface-hover', '--accent-soft']

describe('colour tokens (WCAG 2.1 AA)', () => {
  it('the contrast function agrees with known WCAG figures', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
    // The old faint ink, the 2.6–3.0:1.
    expect(contrast('#8c959f', '#ffffff')).toBeLessThan(4.5)
  })

  it.each(['--ink', '--ink-soft', '--ink-faint'])('%s reads at 4.5:1 or more on every surface', (ink) => {
    for (const surface of SURFACES) expect(contrast(token(ink), token(surface)), `${ink} on ${surface}`).toBeGreaterThanOrEqual(4.5)
  })

  it.each([
    ['--accent', '--paper'],
    ['--accent', '--accent-soft'],
    ['--on-accent', '--accent'],
    ['--on-accent', '--accent-strong'],
    ['--danger', '--paper'],
    ['--danger', '--danger-soft'],
    ['--danger-ink', '--danger-soft'],
    ['--warning', '--paper'],
    ['--warning-ink', '--warning-soft'],
    ['--ok', '--paper'],
    ['--ok', '--ok-soft'],
    ['--on-dark', '--surface-dark']
  ])('%s text on %s reads at 4.5:1 or more', (ink, surface) => {
    expect(contrast(token(ink), token(surface))).toBeGreaterThanOrEqual(4.5)
  })

  it('the focus ring is a solid outline of 2 px or more at 3:1 against every surface', () => {
    const ring = token('--focus-ring')
    expect(ring).toMatch(/^\d+px solid #[0-9a-f]{3,6}$/i)
    expect(parseFloat(token('--focus-ring-width'))).toBeGreaterThanOrEqual(2)
    for (const surface of SURFACES) expect(contrast(token('--focus-ring-color'), token(surface)), `ring on ${surface}`).toBeGreaterThanOrEqual(3)
  })

  it('the ring on the dark photo stage is light enough to show there', () => {
    expect(contrast(token('--focus-ring-on-dark'), token('--surface-dark'))).toBeGreaterThanOrEqual(3)
    expect(contrast(token('--focus-ring-color'), token('--surface-dark'))).toBeLessThan(3)
  })

  it('focus is drawn with outline (which high-contrast mode keeps), with a forced-colors rule', () => {
    const base = themeFile('base.css').replace(/\/\*[\s\S]*?\*\//g, '')
    const rule = /(^|\n):focus-visible\s*\{([^}]*)\}/.exec(base)?.[2] ?? ''
    expect(rule).toMatch(/outline:\s*var\(--focus-ring\)/)
    expect(rule).not.toMatch(/outline:\s*none|box-shadow/)
    expect(base).toMatch(/@media \(forced-colors: active\)\s*\{\s*:focus-visible\s*\{[^}]*Highlight/)
  })
})
