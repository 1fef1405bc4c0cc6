import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const RENDERER = fileURLToPath(new URL('../../../src/renderer/src/', import.meta.url))
/** Restyles other features' classes on purpose (narrow windows, zoom): it is loaded last for that. */
const OVERRIDES = new Set(['a11y/reflow.css'])
/** A feature's rule for another's element, on purpose: the class, the folders styling it, and why. */
const MEANT: Record<string, { folders: string[]; why: string }> = {
  'draft-column': { folders: ['.', 'metadata'], why: 'narrow windows: the 稿件信息 drawer (metadata) keeps the article column (App.css) clear of its handle' }
}

/**
 * The classes each rule is about: the first compound selector of each selector when that compound is one bare
 * class (`.x`, `.x:hover`, `.x::before`, `.x > y`, `.x y`), not a class combined with another (`.x.y`).
 */
function subjectClasses(css: string): Set<string> {
  const out = new Set<string>()
  for (const [, selectors] of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{/g)) {
    for (const selector of selectors!.split(',')) {
      const match = /^\s*\.([\w-]+)(?=$|[\s:>+~[])/.exec(selector)
      if (match) out.add(match[1]!)
    }
  }
  return out
}

/** Classes given rules of their own in the stylesheets of more than one feature folder, with those folders. */
function sharedClasses(sheets: { path: string; css: string }[]): Map<string, string[]> {
  const owners = new Map<string, Set<string>>()
  for (const sheet of sheets) {
    if (OVERRIDES.has(sheet.path)) continue
    const folder = sheet.path.includes('/') ? sheet.path.slice(0, sheet.path.indexOf('/')) : '.'
    for (const name of subjectClasses(sheet.css)) owners.set(name, (owners.get(name) ?? new Set()).add(folder))
  }
  return new Map([...owners].filter(([, folders]) => folders.size > 1).map(([name, folders]) => [name, [...folders].sort()]))
}

function stylesheets(dir = RENDERER): { path: string; css: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return stylesheets(path)
    return entry.name.endsWith('.css') ? [{ path: relative(RENDERER, path).split('\\').join('/'), css: readFileSync(path, 'utf8') }] : []
  })
}

describe('class names across feature stylesheets', () => {
  it('finds a class two features both style, and not one combined with another class', () => {
    const found = sharedClasses([
      { path: 'App.css', css: '.draft-column { display: flex; }\n.modal.modal-wide { width: 1px; }' },
      { path: 'library/styles.css', css: '/* .ignored {} */ .draft-column::before { content: "·"; }\n.row, .draft-title:hover { color: red; }' },
      { path: 'components/styles.css', css: '.modal { border: 0; }\n.draft-title { font-weight: 600; }' },
      { path: 'a11y/reflow.css', css: '.row { display: block; }' }
    ])
    expect(found).toEqual(
      new Map([
        ['draft-column', ['.', 'library']],
        ['draft-title', ['components', 'library']]
      ])
    )
  })

  // The library's 栏目 label once had the editor's layout class and drew every row's title under its meta line.
  it('no class is styled by two features: one feature’s rules cannot reach another’s elements', () => {
    const sheets = stylesheets()
    expect(sheets.length).toBeGreaterThan(10)
    const unmeant = [...sharedClasses(sheets)].filter(([name, folders]) => MEANT[name]?.folders.join() !== folders.join())
    expect(unmeant).toEqual([])
  })
})
