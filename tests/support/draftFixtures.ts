import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { Clock } from '../../src/main/services/clock'
import type { ArticleBody, DraftContent, DraftId } from '../../src/shared/model/draft'

/** A clock that moves on by `stepMs` every time it is read, so each save gets a later, known time. */
export function steppingClock(startIso = '2026-11-02T08:00:00.000Z', stepMs = 1000): Clock & { peek(): string } {
  let t = Date.parse(startIso) - stepMs
  return {
    now: () => new Date((t += stepMs)),
    peek: () => new Date(t).toISOString()
  }
}

/** Ids the tests can predict: draft-0001, draft-0002, … */
export function sequentialIds(prefix = 'draft'): () => DraftId {
  let n = 0
  return () => `${prefix}-${String(++n).padStart(4, '0')}`
}

export function paragraphs(...texts: string[]): ArticleBody {
  return {
    root: {
      type: 'root',
      children: texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }))
    }
  }
}

export function content(title: string, ...texts: string[]): DraftContent {
  return { title, column: '校园动态', body: paragraphs(...texts) }
}

export async function makeTempDir(prefix = 'newsroom-test-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  // Retries: the library index may still be writing its fresh entries under .search/ when a test ends (ENOTEMPTY).
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }) }
}

/** Every file below `folder` (relative path → bytes), to prove a move kept the files byte for byte. */
export async function snapshotFiles(folder: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(relative(folder, path), await readFile(path))
  }
  return files
}

export async function tempFilesIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.tmp'))
}

/** The value, or a test failure saying what was missing (instead of a non-null assertion). */
export function defined<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${String(value)}`)
  return value
}
