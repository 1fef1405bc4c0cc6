/**
 * Autosave latency and draft-list time through the real DraftStore, and the library search over 5,000
 * realistic drafts in its worker thread beside a linear scan of the same texts. Prints one JSON line.
 * Run: npm run bench:drafts   (SAVES=200 DRAFTS=5000 SEARCH_DRAFTS=5000 override the sizes; BENCH_TRACE=1 logs the
 * start runs' progress to stderr)
 */
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDraftStore } from '../src/main/services/drafts/draftStore'
import { systemClock } from '../src/main/services/clock'
import { DRAFT_SCHEMA_VERSION, FIXED_STATUSES, type Draft, type DraftContent } from '../src/shared/model/draft'
import { emptyMetadata } from '../src/shared/model/metadata'
import { articleBody, newsText } from './lib/newsText'
import { seededRandom } from './lib/random'
import { median, percentile, round, timed } from './lib/stats'
import { benchSearch } from './lib/librarySearch'

const SAVES = Number(process.env.SAVES ?? 200)
const DRAFTS = Number(process.env.DRAFTS ?? 5000)
const DRAFT_CHARS = 20_000
const LIST_RUNS = 5
/**
 * queryP95Ms and startToListShowingMs are the issue's; the search's build, size, memory and its margin over a plain
 * scan are ours: a first start after an upgrade builds in the worker while the list is usable, the index is no
 * bigger than the drafts it serves, the worker fits beside Electron on an office PC, the index beats the scan tenfold.
 */
const TARGETS = {
  saveP50Ms: 10,
  listColdMs: 200,
  queryP95Ms: 30,
  startToListShowingMs: 300,
  minRatioScanToIndexP95: 10,
  indexBuildMs: 60_000,
  maxIndexToDraftsRatio: 1,
  workerHeapAndExternalBytes: 512 * 1024 * 1024
}

async function benchSave(dataDir: string) {
  const store = createDraftStore({ dataDir, clock: systemClock })
  const draft = await store.create({ title: '长稿件', column: '校园动态' })
  // Every save differs a little, as autosave after typing does.
  const base = newsText(DRAFT_CHARS, 1)
  const contents: DraftContent[] = Array.from({ length: SAVES + 10 }, (_, i) => ({
    title: `长稿件 ${i}`,
    column: '校园动态',
    body: articleBody(`${i}${base}`.slice(0, DRAFT_CHARS))
  }))
  const samples: number[] = []
  for (const [i, content] of contents.entries()) {
    const ms = await timed(() => store.save(draft.id, content))
    if (i >= 10) samples.push(ms) // the first few warm the page cache and the JIT
  }
  const bytes = JSON.stringify({ ...(await store.open(draft.id)) })

  // Baselines on the same disk in the same run: a bare write, and a write plus fsync (no rename, no folder sync).
  const bare: number[] = []
  const synced: number[] = []
  const plain = join(dataDir, 'baseline.json')
  for (let i = 0; i < SAVES; i++) bare.push(await timed(() => writeFile(plain, bytes)))
  for (let i = 0; i < SAVES; i++) {
    synced.push(
      await timed(async () => {
        const handle = await open(plain, 'w')
        await handle.writeFile(bytes)
        await handle.sync()
        await handle.close()
      })
    )
  }
  return {
    chars: DRAFT_CHARS,
    fileBytes: Buffer.byteLength(bytes),
    saves: samples.length,
    p50Ms: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    maxMs: percentile(samples, 100),
    baselineWriteFileP50Ms: median(bare),
    baselineWriteFsyncP50Ms: median(synced),
    ratioToWriteFile: round(median(samples) / median(bare)),
    ratioToWriteFsync: round(median(samples) / median(synced))
  }
}

/** Writes the drafts straight to disk in the store's layout: creating 5,000 through the store would fsync 10,000 times. */
async function seedLibrary(dataDir: string, count: number) {
  const random = seededRandom(7)
  const columns = ['校园动态', '教学科研', '学生风采', '通知公告', '媒体关注']
  const start = Date.parse('2025-09-01T00:00:00Z')
  await mkdir(join(dataDir, 'drafts'), { recursive: true })
  for (let batch = 0; batch < count; batch += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - batch) }, async (_, k) => {
        const n = batch + k
        const id = `bench-${n.toString().padStart(6, '0')}`
        const at = new Date(start + Math.floor(random() * 300 * 86_400_000)).toISOString()
        const draft: Draft = {
          schemaVersion: DRAFT_SCHEMA_VERSION,
          id,
          title: newsText(12 + (n % 10), n),
          column: columns[n % columns.length] ?? '',
          status: FIXED_STATUSES[n % FIXED_STATUSES.length] ?? 'draft',
          body: articleBody(newsText(800 + (n % 7) * 300, n + 1)),
          metadata: emptyMetadata(),
          createdAt: at,
          updatedAt: at,
          revision: n % 40,
          signOffs: []
        }
        await mkdir(join(dataDir, 'drafts', id, 'assets'), { recursive: true })
        await writeFile(join(dataDir, 'drafts', id, 'draft.json'), JSON.stringify(draft))
      })
    )
  }
}

async function benchList(dataDir: string) {
  await seedLibrary(dataDir, DRAFTS)
  const indexPath = join(dataDir, 'index.json')
  const listOnce = async () => {
    let listed = 0
    const ms = await timed(async () => {
      listed = (await createDraftStore({ dataDir, clock: systemClock }).list('active')).drafts.length
    })
    if (listed !== DRAFTS) throw new Error(`listed ${listed} drafts, expected ${DRAFTS}`)
    return ms
  }
  const noIndex: number[] = []
  for (let i = 0; i < LIST_RUNS; i++) {
    await rm(indexPath, { force: true })
    noIndex.push(await listOnce())
  }
  const cold: number[] = []
  for (let i = 0; i < LIST_RUNS; i++) cold.push(await listOnce())
  return {
    drafts: DRAFTS,
    runs: LIST_RUNS,
    coldWithIndexMs: median(cold),
    coldWithIndexMaxMs: percentile(cold, 100),
    noIndexMs: median(noIndex),
    noIndexMaxMs: percentile(noIndex, 100)
  }
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), 'newsroom-bench-'))
  try {
    const save = await benchSave(join(root, 'save'))
    const list = await benchList(join(root, 'list'))
    const search = await benchSearch(join(root, 'search'))
    const result = {
      bench: 'drafts',
      node: process.version,
      save,
      list,
      search,
      targets: TARGETS,
      met: {
        saveP50Ms: save.p50Ms <= TARGETS.saveP50Ms,
        listColdMs: list.coldWithIndexMs <= TARGETS.listColdMs,
        queryP95Ms: search.keystroke.indexP95Ms <= TARGETS.queryP95Ms,
        startToListShowingMs: 'medianMs' in search.startToListShowing ? search.startToListShowing.medianMs <= TARGETS.startToListShowingMs : null,
        minRatioScanToIndexP95: search.keystroke.ratioScanToIndexP95 >= TARGETS.minRatioScanToIndexP95,
        indexBuildMs: search.build.fromNothingMs <= TARGETS.indexBuildMs,
        maxIndexToDraftsRatio: search.build.indexToDraftsRatio <= TARGETS.maxIndexToDraftsRatio,
        workerHeapAndExternalBytes: search.workerMemory.heapUsedBytes + search.workerMemory.externalBytes <= TARGETS.workerHeapAndExternalBytes
      }
    }
    console.log(JSON.stringify(result))
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

await main()
