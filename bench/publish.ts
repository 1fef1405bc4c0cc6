// npm run bench:publish — an article with 30 photos published to the local WordPress (scripts/wordpress/start.sh),
// once with the adapter's concurrent uploads and once one at a time. Prints one JSON line: both wall times and
// the ratio (target ≥ 2×). Skips, saying why, when no WordPress answers.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublisher } from '../src/main/services/publish/publisher'
import { createMemorySecretStore } from '../src/main/services/publish/secretStore'
import { WordPressTargetSchema } from '../src/shared/model/publish'
import { createFixtureLibrary, photo, uniqueSeed } from '../tests/support/publishFixtures'
import { findWordPress } from '../tests/support/wordpressEnv'

const PHOTOS = 30
const CONCURRENCY = 6
const TARGET_RATIO = 2

const found = await findWordPress()
if ('reason' in found) {
  console.log(JSON.stringify({ bench: 'publish', skipped: true, reason: found.reason }))
  process.exit(0)
}
const wp = found.env
const root = await mkdtemp(join(tmpdir(), 'newsroom-bench-publish-'))
try {
  const library = createFixtureLibrary(root)
  const secrets = createMemorySecretStore({ 'wordpress:bench': wp.appPassword })
  const target = WordPressTargetSchema.parse({ id: 'bench', name: 'bench', kind: 'wordpress', baseUrl: wp.url, username: wp.user, secretRef: 'wordpress:bench', routeStyle: 'wp-json' })

  async function run(concurrency: number): Promise<number> {
    const draftId = `bench-${String(concurrency)}-${randomBytes(4).toString('hex')}`
    // Camera-sized pictures compressed as the photo pipeline leaves them (1920 px wide).
    const photos = await Promise.all(Array.from({ length: PHOTOS }, () => photo(uniqueSeed(), 1920, 1280)))
    await library.add(draftId, {
      title: `性能测试 ${String(concurrency)}`,
      paragraphs: photos.map((_, i) => `第${String(i + 1)}段正文。`),
      photos: photos.map((bytes, i) => ({ bytes, caption: `图${String(i + 1)}` })),
      metadata: { column: '校园动态' }
    })
    const publisher = createPublisher({ fetch, secrets, clock: { now: () => new Date() }, imageConcurrency: concurrency, timeoutMs: 120_000, ...library.deps() })
    const started = performance.now()
    const result = await publisher.publish({ draftId, target, options: { verify: false } })
    const elapsed = performance.now() - started
    if (result.imagesUploaded !== PHOTOS) throw new Error(`uploaded ${String(result.imagesUploaded)} of ${String(PHOTOS)} photos`)
    return elapsed
  }

  await run(CONCURRENCY) // warm-up: WordPress's first requests compile and cache
  const sequentialMs = await run(1)
  const concurrentMs = await run(CONCURRENCY)
  const ratio = sequentialMs / concurrentMs
  console.log(
    JSON.stringify({
      bench: 'publish',
      photos: PHOTOS,
      concurrency: CONCURRENCY,
      sequentialMs: Math.round(sequentialMs),
      concurrentMs: Math.round(concurrentMs),
      ratio: Math.round(ratio * 100) / 100,
      target: TARGET_RATIO,
      meets: ratio >= TARGET_RATIO
    })
  )
} finally {
  await rm(root, { recursive: true, force: true })
}
