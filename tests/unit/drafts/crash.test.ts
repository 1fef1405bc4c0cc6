import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDraftStore } from '../../../src/main/services/drafts/draftStore'
import { systemClock } from '../../../src/main/services/clock'
import { crashContent } from '../../support/crashContent'

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 200)
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31)
const KILL_DELAY_MS = { min: 5, max: 60 }

function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Run = { lastAcknowledged: number; signal: NodeJS.Signals | null; code: number | null; stderr: string }

/** Starts the child, kills it `delayMs` after its first acknowledged save, and reports what it said. */
function runAndKill(childScript: string, dataDir: string, id: string, delayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, dataDir, id], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let killTimer: NodeJS.Timeout | undefined
    const guard = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      if (!killTimer && stdout.includes('\n')) killTimer = setTimeout(() => child.kill('SIGKILL'), delayMs)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(guard)
      clearTimeout(killTimer)
      const acknowledged = [...stdout.matchAll(/^saved (\d+)$/gm)].map((m) => Number(m[1]))
      resolve({ lastAcknowledged: Math.max(0, ...acknowledged), signal, code, stderr })
    })
  })
}

describe('a draft survives SIGKILL in the middle of autosave', () => {
  let work: string
  let childScript: string

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'newsroom-crash-'))
    childScript = join(work, 'crashChild.mjs')
    await build({
      entryPoints: [fileURLToPath(new URL('../../support/crashChild.ts', import.meta.url))],
      outfile: childScript,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      minify: true,
      logLevel: 'silent'
    })
  })
  afterAll(async () => {
    await rm(work, { recursive: true, force: true })
  })

  it(
    `keeps the last acknowledged save or the one in flight, over ${ITERATIONS} kills (seed ${SEED})`,
    async () => {
      const random = seededRandom(SEED)
      const dataDir = join(work, 'library')
      const { id } = await createDraftStore({ dataDir, clock: systemClock }).create({ title: '崩溃测试稿' })
      const folder = join(dataDir, 'drafts', id)
      let previous = 0
      let inFlightSurvived = 0
      let tempLeft = 0
      const started = performance.now()

      for (let i = 1; i <= ITERATIONS; i++) {
        const delayMs = KILL_DELAY_MS.min + random() * (KILL_DELAY_MS.max - KILL_DELAY_MS.min)
        const run = await runAndKill(childScript, dataDir, id, delayMs)
        const where = `iteration ${i} (seed ${SEED}, kill after ${delayMs.toFixed(1)} ms)`
        expect(run.signal, `${where}: child ended by itself: code ${run.code} ${run.stderr}`).toBe('SIGKILL')
        expect(run.lastAcknowledged, `${where}: the child acknowledged no save`).toBeGreaterThan(previous)

        const temps = (await readdir(folder)).filter((name) => name.endsWith('.tmp'))
        // The child cleaned the folder when it opened the draft; only the save it was killed in may leave one.
        expect(temps.length, `${where}: ${temps.join(', ')}`).toBeLessThanOrEqual(1)
        if (temps.length > 0) tempLeft++

        const draft = await createDraftStore({ dataDir, clock: systemClock })
          .open(id)
          .catch((error: unknown) => {
            throw new Error(`${where}: the draft did not load: ${String(error)}`, { cause: error })
          })
        expect([run.lastAcknowledged, run.lastAcknowledged + 1], `${where}: revision on disk`).toContain(draft.revision)
        const expected = crashContent(draft.revision)
        expect({ title: draft.title, column: draft.column, body: draft.body }, `${where}: content of save ${draft.revision}`).toEqual(expected)
        if (draft.revision === run.lastAcknowledged + 1) inFlightSurvived++
        expect((await readdir(folder)).filter((name) => name.endsWith('.tmp')), `${where}: open() leaves temp files`).toEqual([])
        previous = draft.revision
      }

      const list = await createDraftStore({ dataDir, clock: systemClock }).list('active')
      expect(list.quarantined).toEqual([])
      expect(list.drafts.map((d) => [d.id, d.title])).toEqual([[id, `第${previous}次保存`]])
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      console.log(
        `crash test: ${ITERATIONS} SIGKILLs in ${seconds} s, seed ${SEED}, ${previous} saves in all; ` +
          `killed mid-write (temp file left): ${tempLeft}; in-flight save survived unacknowledged: ${inFlightSurvived}; ` +
          `mixed, empty, older or quarantined: 0`
      )
    },
    ITERATIONS * 1000 + 30_000
  )
})
