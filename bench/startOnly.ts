/**
 * Only the start-to-list figure of bench:drafts (5,000 drafts, five starts), on a data folder seeded once and kept
 * between runs: for working on the start. Run: npm run bench:start   (START_DIR=… names the folder)
 */
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listShowing, seed } from './lib/librarySearch'

async function main() {
  const dataDir = process.env['START_DIR'] ?? join(tmpdir(), 'newsroom-bench-start')
  if (!existsSync(join(dataDir, 'drafts'))) await seed(dataDir)
  console.log(JSON.stringify({ startToListShowing: await listShowing(dataDir) }))
}
void main()
