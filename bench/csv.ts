/**
 * `npm run bench:csv`: how the staff-list preview (parse + merge against the directory) grows with the file.
 * The same shape of file at 2,500 and 10,000 lines (the cap), every line a new person and a new department:
 * a linear import takes about 4× as long for 4× the lines, a quadratic one about 16×. Prints one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDirectoryService } from '../src/main/services/directory/directoryService'
import { CSV_MAX_ROWS } from '../src/main/services/directory/csv'

function staffList(lines: number): Uint8Array {
  const rows = ['姓名,角色,部门']
  for (let i = 0; i < lines; i++) rows.push(`人员${String(i)},编辑,部门${String(i)}`)
  return new TextEncoder().encode(rows.join('\n'))
}

async function medianMs(lines: number, runs: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'newsroom-bench-csv-'))
  try {
    const service = createDirectoryService({ dataDir: () => dir, clock: { now: () => new Date() } })
    const bytes = staffList(lines)
    const times: number[] = []
    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      await service.previewCsv(bytes)
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    return times[Math.floor(times.length / 2)] ?? Number.NaN
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const small = await medianMs(CSV_MAX_ROWS / 4, 7)
const large = await medianMs(CSV_MAX_ROWS, 7)
const ratio = large / small
console.log(JSON.stringify({ bench: 'csv', lines: [CSV_MAX_ROWS / 4, CSV_MAX_ROWS], medianMs: [Number(small.toFixed(1)), Number(large.toFixed(1))], ratio: Number(ratio.toFixed(2)), linearIs: 4, quadraticIs: 16, pass: ratio < 8 }))
if (ratio >= 8) process.exit(1)
