/**
 * The library search at the scale of years of articles: 5,000 drafts of 2,000–20,000 characters with their
 * people, 栏目 and 供稿单位, searched keystroke by keystroke through the real worker, beside a linear scan
 * of the same (already folded) texts on this thread in the same run.
 */
import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Converter } from 'opencc-js/cn2t'
import { createFold } from '../../src/main/services/library/fold'
import { SEARCH_INDEX_FOLDER } from '../../src/main/services/library/libraryIndex'
import { createWorkerLibrarySearch, type LibrarySearch } from '../../src/main/services/library/librarySearch'
import { LibraryViewSchema } from '../../src/shared/library/query'
import { DRAFT_SCHEMA_VERSION, type Draft } from '../../src/shared/model/draft'
import { DEFAULT_CHAIN, statusesOf } from '../../src/shared/model/chain'
import { libraryMe } from '../../src/shared/library/statuses'
import { emptyMetadata } from '../../src/shared/model/metadata'
import { articlePlainText } from '../../src/shared/model/articleText'
import { campusNews, personName } from './campusNews'
import { articleBody } from './newsText'
import { seededRandom } from './random'
import { percentile, round } from './stats'

const DRAFTS = Number(process.env.SEARCH_DRAFTS ?? 5000)
const QUERIES = Number(process.env.QUERIES ?? 60)
const COLUMNS = ['校园动态', '教学科研', '学生风采', '通知公告', '媒体关注', '党建思政']
const DEPARTMENTS = ['宣传部', '教务处', '学生处', '团委', '图书馆', '信息工程学院', '机电学院', '双高办']

export async function seed(dataDir: string): Promise<Draft[]> {
  const random = seededRandom(11)
  const start = Date.parse('2021-09-01T00:00:00Z')
  const drafts: Draft[] = []
  await mkdir(join(dataDir, 'drafts'), { recursive: true })
  for (let batch = 0; batch < DRAFTS; batch += 100) {
    const made = Array.from({ length: Math.min(100, DRAFTS - batch) }, (_, k) => {
      const n = batch + k
      const at = new Date(start + Math.floor(random() * 4 * 365 * 86_400_000)).toISOString()
      const length = 2000 + Math.floor(random() * 18_001)
      const draft: Draft = {
        schemaVersion: DRAFT_SCHEMA_VERSION,
        id: `search-${n.toString().padStart(6, '0')}`,
        title: campusNews(10 + (n % 14), n + 100_000),
        column: COLUMNS[n % COLUMNS.length] ?? '',
        status: statusesOf(DEFAULT_CHAIN)[n % statusesOf(DEFAULT_CHAIN).length] ?? 'draft',
        body: articleBody(campusNews(length, n + 1)),
        metadata: {
          ...emptyMetadata(),
          subtitle: n % 3 === 0 ? campusNews(12, n + 200_000) : '',
          sourceDepartment: DEPARTMENTS[n % DEPARTMENTS.length] ?? '',
          editor: personName(random),
          authors: [personName(random), personName(random)],
          photographers: [personName(random)],
          proofreader: personName(random),
          summary: campusNews(80, n + 300_000)
        },
        createdAt: at,
        updatedAt: at,
        revision: 3,
        signOffs: []
      }
      return draft
    })
    await Promise.all(
      made.map(async (draft) => {
        await mkdir(join(dataDir, 'drafts', draft.id), { recursive: true })
        await writeFile(join(dataDir, 'drafts', draft.id, 'draft.json'), JSON.stringify(draft))
      })
    )
    drafts.push(...made)
  }
  return drafts
}

function startWorker(dataDir: string): LibrarySearch {
  return createWorkerLibrarySearch({
    workerUrl: new URL('../../tests/support/library/libraryWorkerShim.mjs', import.meta.url),
    workerData: { entry: new URL('../../src/main/services/library/libraryWorker.ts', import.meta.url).href },
    dataDir
  })
}

/** What a person types: pieces of bodies, titles and names, some in traditional characters, one keystroke at a time. */
function typedQueries(drafts: Draft[]): string[] {
  const random = seededRandom(5)
  const toTraditional = Converter({ from: 'cn', to: 'tw' })
  const out: string[] = []
  for (let i = 0; i < QUERIES; i++) {
    const draft = drafts[Math.floor(random() * drafts.length)]
    if (!draft) continue
    const kind = i % 4
    let query: string
    if (kind === 3) query = draft.metadata.authors[0] ?? ''
    else {
      const text = kind === 2 ? draft.title : articlePlainText(draft.body)
      const length = 2 + Math.floor(random() * 5)
      const at = Math.floor(random() * Math.max(1, text.length - length))
      query = text.slice(at, at + length)
    }
    out.push(i % 5 === 1 ? toTraditional(query) : query)
  }
  return out
}

/**
 * From the renderer's start (navigation) to the first draft row drawn, with 5,000 drafts, in Chromium over
 * the E2E harness (the real handlers, the built renderer). Electron's own start comes before this and
 * cannot be measured here (no Electron binary). Null, with the reason, when the renderer is not built.
 */
async function listShowing(dataDir: string): Promise<{ medianMs: number; maxMs: number; runs: number } | { skipped: string }> {
  const { e2eUnavailableReason, launchApp, shutdownBrowser, RENDERER_DIR } = await import('../../tests/e2e/harness')
  const unavailable = e2eUnavailableReason() ?? (existsSync(join(RENDERER_DIR, 'index.html')) ? null : 'renderer not built (run npx electron-vite build)')
  if (unavailable) return { skipped: unavailable }
  // The search in its worker thread, as in the app: inline, its load would hold up the list on the same thread.
  const searches: LibrarySearch[] = []
  const app = await launchApp({
    dataDir,
    viewport: { width: 1366, height: 650 },
    librarySearch: (dir) => {
      const search = startWorker(dir)
      searches.push(search)
      return search
    }
  })
  try {
    // A string, not a function: tsx would wrap a function in helpers the page does not have.
    await app.page.addInitScript({
      content: `new MutationObserver((records, observer) => {
        if (!document.querySelector('.draft-row')) return
        window.firstRowMs = performance.now()
        observer.disconnect()
      }).observe(document, { childList: true, subtree: true })`
    })
    // The first start after seeding builds the draft list's own index.json; a normal start has it.
    await app.page.waitForSelector('.draft-row', { timeout: 120_000 })
    const runs: number[] = []
    for (let i = 0; i < 5; i++) {
      await app.page.reload()
      await app.page.waitForSelector('.draft-row', { timeout: 60_000 })
      runs.push(await app.page.evaluate(() => (window as unknown as { firstRowMs: number }).firstRowMs))
    }
    return { medianMs: percentile(runs, 50), maxMs: percentile(runs, 100), runs: runs.length }
  } finally {
    await app.close()
    await Promise.all(searches.map((search) => search.close()))
    await shutdownBrowser()
  }
}

export async function benchSearch(dataDir: string) {
  const drafts = await seed(dataDir)
  const list = await listShowing(dataDir)
  const chars = drafts.reduce((sum, draft) => sum + articlePlainText(draft.body).length, 0)

  // Build from nothing (no index folder), as on the first start after this version.
  await rm(join(dataDir, SEARCH_INDEX_FOLDER), { recursive: true, force: true })
  const rssBefore = settledRss()
  const buildStart = performance.now()
  let worker = startWorker(dataDir)
  const built = await worker.stats()
  const buildMs = performance.now() - buildStart
  await worker.close()

  // A normal start: the index is in the data folder.
  const loadStart = performance.now()
  worker = startWorker(dataDir)
  const loaded = await worker.stats()
  const loadMs = performance.now() - loadStart
  const rssWithWorker = settledRss()

  const fold = createFold()
  const texts = drafts.map((draft) =>
    fold(
      [draft.title, draft.metadata.subtitle, draft.metadata.summary, draft.column, draft.metadata.sourceDepartment, draft.metadata.editor, ...draft.metadata.authors, ...draft.metadata.photographers, draft.metadata.proofreader, articlePlainText(draft.body)].join('\n')
    )
  )
  const index: number[] = []
  const scan: number[] = []
  let found = 0
  let keystrokes = 0
  try {
    for (const query of typedQueries(drafts)) {
      for (let end = 1; end <= query.length; end++) {
        const typed = query.slice(0, end)
        keystrokes += 1
        const t0 = performance.now()
        const result = await worker.query(LibraryViewSchema.parse({ text: typed }), libraryMe('', DEFAULT_CHAIN, null))
        index.push(performance.now() - t0)
        const t1 = performance.now()
        const folded = fold(typed)
        let matches = 0
        for (const text of texts) if (text.includes(folded)) matches += 1
        scan.push(performance.now() - t1)
        if (end === query.length && result.ids.length > 0) found += 1
        if (matches < 0) throw new Error('unreachable')
      }
    }
  } finally {
    await worker.close()
  }
  const indexP95 = percentile(index, 95)
  const scanP95 = percentile(scan, 95)
  const draftBytes = drafts.reduce((sum, draft) => sum + Buffer.byteLength(JSON.stringify(draft)), 0)
  return {
    drafts: DRAFTS,
    bodyChars: chars,
    draftBytes,
    startToListShowing: list,
    // In the worker, from its first message to the index answering; the worker's own start (tsx compiling the
    // sources here, a bundle in the app) is the difference to the wall-clock figures.
    build: {
      fromNothingMs: round(built.loadMs),
      reloadMs: round(loaded.loadMs),
      fromNothingWallMs: round(buildMs),
      reloadWallMs: round(loadMs),
      indexBytes: built.indexBytes,
      indexToDraftsRatio: round(built.indexBytes / draftBytes),
      gramBytes: built.gramBytes
    },
    // heap and external are the worker's own isolate; RSS is the whole bench process's (threads share it),
    // before the worker started and with it loaded.
    workerMemory: {
      heapUsedBytes: loaded.heapUsedBytes,
      externalBytes: loaded.externalBytes,
      afterBuildHeapUsedBytes: built.heapUsedBytes,
      processRssBeforeBytes: rssBefore,
      processRssWithWorkerBytes: rssWithWorker
    },
    keystroke: {
      queries: QUERIES,
      keystrokes,
      queriesFound: found,
      indexP50Ms: percentile(index, 50),
      indexP95Ms: indexP95,
      linearScanP50Ms: percentile(scan, 50),
      linearScanP95Ms: scanP95,
      ratioScanToIndexP95: round(scanP95 / indexP95)
    }
  }
}

/** The process's resident memory once the garbage of this thread is collected (when --expose-gc allows). */
function settledRss(): number {
  ;(globalThis as { gc?: () => void }).gc?.()
  return process.memoryUsage.rss()
}
