import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

const GOLDEN_DIR = fileURLToPath(new URL('golden', import.meta.url))

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it (then read the diff before keeping it). */
export function expectGolden(name: string, html: string): void {
  const file = join(GOLDEN_DIR, name)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${html}\n`)
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing: run once with UPDATE_GOLDEN=1 and review it`)
  expect(`${html}\n`).toBe(readFileSync(file, 'utf8'))
}
