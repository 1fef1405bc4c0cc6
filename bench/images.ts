/**
 * The photo pipeline against its targets: culling previews, one photo to the web profile, a batch, and
 * the main thread's responsiveness meanwhile. Generates its own 24-MP camera JPEGs; prints one JSON line.
 * Run: npm run bench:images   (PREVIEWS=300 BATCH=50 NAIVE_SAMPLE=20 RUNS=7 override the sizes)
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { createImageService } from '../src/main/services/images/imageService'
import { DEFAULT_COMPRESSION_PROFILE } from '../src/shared/model/image'
import { makePhotoBases, writeShoot } from './lib/images/photos'
import { median, round, timed } from './lib/stats'

const PREVIEWS = Number(process.env.PREVIEWS ?? 300)
const BATCH = Number(process.env.BATCH ?? 50)
const NAIVE_SAMPLE = Number(process.env.NAIVE_SAMPLE ?? 20)
const RUNS = Number(process.env.RUNS ?? 7)
const BASES = 10
const PREVIEW_EDGE = 400
const LAG_RESOLUTION_MS = 10
const { longEdge, quality } = DEFAULT_COMPRESSION_PROFILE
const TARGETS = {
  previewsMs: 2000,
  previewsSpeedupVsNaive: 10,
  singlePhotoMaxRatioToRawSharp: 1.2,
  singlePhotoMinSpeedupVsImageMagick: 2.5,
  batchMinSpeedup: 1.7,
  eventLoopLagP99Ms: 50
}

const run = promisify(execFile)

let peakRss = 0
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss())
}, 20)
sampler.unref()

async function benchPreviews(root: string, shoot: string[]) {
  const images = createImageService({ cacheDir: join(root, 'preview-cache'), previewEdge: PREVIEW_EDGE })
  let sources: Record<string, number> = {}
  const oursMs = await timed(async () => {
    const results = await images.previewMany(shoot)
    sources = results.reduce<Record<string, number>>((acc, r) => {
      const key = r.status === 'ready' ? r.preview.source : `failed:${r.code}`
      acc[key] = (acc[key] ?? 0) + 1
      return acc
    }, {})
  })
  const warmMs = await timed(() => images.previewMany(shoot))

  // Naive: decode every pixel at full size, then scale down (what a generic image library does).
  const sample = shoot.slice(0, NAIVE_SAMPLE)
  const naive: number[] = []
  for (const path of sample) {
    naive.push(
      await timed(async () => {
        const { data, info } = await sharp(path, { autoOrient: true }).raw().toBuffer({ resolveWithObject: true })
        await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
          .resize(PREVIEW_EDGE, PREVIEW_EDGE, { fit: 'inside' })
          .jpeg({ quality: 80 })
          .toBuffer()
      })
    )
  }
  // For reference: sharp's own shrink-on-load, the path previews take when a photo has no thumbnail.
  const shrink: number[] = []
  for (const path of sample) {
    shrink.push(await timed(() => sharp(path, { autoOrient: true }).resize(PREVIEW_EDGE, PREVIEW_EDGE, { fit: 'inside' }).jpeg({ quality: 80 }).toBuffer()))
  }
  const naivePerPhoto = naive.reduce((a, b) => a + b, 0) / naive.length
  const naiveTotal = naivePerPhoto * shoot.length
  return {
    photos: shoot.length,
    oursColdMs: round(oursMs),
    oursWarmCacheMs: round(warmMs),
    sources,
    naive: {
      method: 'full-resolution decode, then resize (sequential)',
      measuredOn: sample.length,
      perPhotoMs: round(naivePerPhoto),
      extrapolatedMs: round(naiveTotal),
      extrapolated: true
    },
    shrinkOnLoadPerPhotoMs: median(shrink),
    speedupVsNaive: round(naiveTotal / oursMs)
  }
}

async function imageMagick(): Promise<{ command: string } | { missing: string }> {
  for (const command of ['magick', 'convert']) {
    try {
      const { stdout } = await run(command, ['-version'])
      if (/ImageMagick \d/.test(stdout)) return { command }
    } catch {
      // try the next name
    }
  }
  return { missing: 'ImageMagick not found (a stand-in convert does not count): apt-get install -y imagemagick' }
}

async function benchSinglePhoto(root: string, photo: string) {
  const images = createImageService({ cacheDir: join(root, 'single-cache'), concurrency: 1 })
  const ours: number[] = []
  const raw: number[] = []
  for (let i = 0; i < RUNS + 2; i++) {
    // A fresh folder each time, or deduplication would skip the write.
    const outputDir = join(root, `single-${i}`)
    const oursMs = await timed(() => images.compress(photo, undefined, { outputDir, photographer: '李明' }))
    const rawMs = await timed(() => sharp(photo).resize(longEdge, longEdge, { fit: 'inside' }).jpeg({ quality }).toBuffer())
    if (i >= 2) {
      ours.push(oursMs)
      raw.push(rawMs)
    }
  }
  const magick = await imageMagick()
  let imageMagickMs: number | null = null
  if ('command' in magick) {
    const samples: number[] = []
    const out = join(root, 'magick.jpg')
    for (let i = 0; i < Math.min(RUNS, 5) + 1; i++) {
      const ms = await timed(() =>
        run(magick.command, ['-define', `jpeg:size=${longEdge}x${longEdge}`, photo, '-resize', `${longEdge}x${longEdge}`, '-quality', String(quality), out])
      )
      if (i >= 1) samples.push(ms)
    }
    imageMagickMs = median(samples)
  }
  const oursMedian = median(ours)
  return {
    megapixels: 24,
    profile: { longEdge, quality, format: 'jpeg' },
    oursMs: oursMedian,
    oursIncludes: 'read, sniff, EXIF, auto-orient, resize, sRGB, strip, XMP credit, encode, SHA-256, atomic write with fsync',
    rawSharpMs: median(raw),
    rawSharpIncludes: 'sharp(file).resize().jpeg().toBuffer()',
    imageMagickMs,
    imageMagick: 'command' in magick ? `${magick.command} -define jpeg:size=${longEdge}x${longEdge} -resize ${longEdge}x${longEdge} -quality ${quality}` : magick.missing,
    ratioToRawSharp: round(oursMedian / median(raw)),
    speedupVsImageMagick: imageMagickMs === null ? null : round(imageMagickMs / oursMedian)
  }
}

/** Two interleaved rounds, best of each: the machine is shared, and a neighbour's burst hits one run, not both. */
async function benchBatch(root: string, photos: string[]) {
  const concurrency = availableParallelism()
  const sequential = createImageService({ cacheDir: join(root, 'batch-cache'), concurrency: 1 })
  const parallel = createImageService({ cacheDir: join(root, 'batch-cache'), concurrency })
  const check = (results: Awaited<ReturnType<typeof sequential.compressMany>>) => {
    const failed = results.filter((r) => r.status === 'failed')
    if (failed.length) throw new Error(`batch had failures: ${JSON.stringify(failed.slice(0, 3))}`)
  }
  const sequentialRuns: number[] = []
  const concurrentRuns: number[] = []
  const lagP99: number[] = []
  const lagMax: number[] = []
  peakRss = 0
  for (let round = 0; round < 2; round++) {
    sequentialRuns.push(await timed(async () => check(await sequential.compressMany(photos, undefined, { outputDir: join(root, `batch-seq-${round}`) }))))
    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS })
    lag.enable()
    concurrentRuns.push(await timed(async () => check(await parallel.compressMany(photos, undefined, { outputDir: join(root, `batch-par-${round}`) }))))
    lag.disable()
    lagP99.push(lag.percentile(99) / 1e6)
    lagMax.push(lag.max / 1e6)
  }
  const sequentialMs = Math.min(...sequentialRuns)
  const concurrentMs = Math.min(...concurrentRuns)
  return {
    batch: {
      photos: photos.length,
      concurrency,
      sequentialMs: round(sequentialMs),
      concurrentMs: round(concurrentMs),
      runs: { sequentialMs: sequentialRuns.map(round), concurrentMs: concurrentRuns.map(round) },
      sequentialPhotosPerSecond: round((photos.length * 1000) / sequentialMs),
      concurrentPhotosPerSecond: round((photos.length * 1000) / concurrentMs),
      speedup: round(sequentialMs / concurrentMs)
    },
    mainThread: {
      during: `both concurrent ${photos.length}-photo batches (worst of the two)`,
      // The histogram measures timer-to-timer intervals, so an idle loop already reads ~LAG_RESOLUTION_MS.
      samplingIntervalMs: LAG_RESOLUTION_MS,
      eventLoopLagP99Ms: round(Math.max(...lagP99)),
      eventLoopLagMaxMs: round(Math.max(...lagMax))
    },
    peakRssDuringBatchMb: round(peakRss / 1e6)
  }
}

/** Child mode: writes the shoot and exits, so its 24-MP working buffers never count in the measured process. */
async function generate(folder: string) {
  const bases = await makePhotoBases(BASES)
  await writeShoot(folder, bases, PREVIEWS)
  const [first] = bases
  if (!first) throw new Error('no photos generated')
  console.log(JSON.stringify({ width: first.width, height: first.height, averageMB: round(bases.reduce((s, b) => s + b.jpeg.byteLength, 0) / bases.length / 1e6) }))
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), 'newsroom-bench-images-'))
  try {
    const folder = join(root, 'shoot')
    await mkdir(folder)
    const started = performance.now()
    const { stdout } = await run(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, IMAGES_BENCH_GENERATE: folder },
      maxBuffer: 1 << 20
    })
    const generated = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { width: number; height: number; averageMB: number }
    const generatedMs = performance.now() - started
    const shoot = (await readdir(folder)).sort().map((name) => join(folder, name))
    if (shoot.length !== PREVIEWS) throw new Error(`generated ${shoot.length} photos, expected ${PREVIEWS}`)

    const previews = await benchPreviews(root, shoot)
    const single = await benchSinglePhoto(root, shoot[0] ?? '')
    const { batch, mainThread, peakRssDuringBatchMb } = await benchBatch(root, shoot.slice(0, BATCH))
    const meets = {
      previewsMs: previews.oursColdMs <= TARGETS.previewsMs,
      previewsSpeedupVsNaive: previews.speedupVsNaive >= TARGETS.previewsSpeedupVsNaive,
      singlePhotoRatioToRawSharp: single.ratioToRawSharp <= TARGETS.singlePhotoMaxRatioToRawSharp,
      singlePhotoSpeedupVsImageMagick: single.speedupVsImageMagick === null ? null : single.speedupVsImageMagick >= TARGETS.singlePhotoMinSpeedupVsImageMagick,
      batchSpeedup: batch.speedup >= TARGETS.batchMinSpeedup,
      eventLoopLagP99Ms: mainThread.eventLoopLagP99Ms <= TARGETS.eventLoopLagP99Ms
    }
    console.log(
      JSON.stringify({
        bench: 'images',
        node: process.version,
        sharp: sharp.versions.sharp,
        libvips: sharp.versions.vips,
        cpus: availableParallelism(),
        photos: {
          megapixels: round((generated.width * generated.height) / 1e6),
          size: `${generated.width}x${generated.height}`,
          averageMB: generated.averageMB,
          exif: 'make, model, capture time, orientation (1/6/8/3/2), GPS, 160-px IFD1 thumbnail',
          generatedMs: round(generatedMs),
          generatedIn: 'a child process'
        },
        previews,
        singlePhoto: single,
        batch,
        mainThread,
        memory: { peakRssMb: round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1e6), peakRssDuringBatchMb },
        targets: TARGETS,
        meets,
        meetsAll: Object.values(meets).every((v) => v !== false)
      })
    )
  } finally {
    clearInterval(sampler)
    await rm(root, { recursive: true, force: true })
  }
}

if (process.env.IMAGES_BENCH_GENERATE) await generate(process.env.IMAGES_BENCH_GENERATE)
else await main()
