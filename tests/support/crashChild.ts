/**
 * Child of the crash test, bundled to plain .mjs so it starts fast under `node`:
 * opens one draft and saves new content in a tight loop, printing `saved <n>` after each save resolves,
 * until the parent kills it with SIGKILL.
 * argv: <dataDir> <draftId>
 */
import { createDraftStore } from '../../src/main/services/drafts/draftStore'
import { systemClock } from '../../src/main/services/clock'
import { crashContent } from './crashContent'

const [dataDir, id] = process.argv.slice(2)
if (!dataDir || !id) {
  console.error('usage: crashChild <dataDir> <draftId>')
  process.exit(2)
}

// Never outlive a parent that failed to kill us.
const deadline = Date.now() + 15_000
const store = createDraftStore({ dataDir, clock: systemClock })
const draft = await store.open(id)
for (let n = draft.revision + 1; Date.now() < deadline; n++) {
  const saved = await store.save(id, crashContent(n))
  if (saved.revision !== n) {
    console.error(`revision ${saved.revision} after save ${n}`)
    process.exit(3)
  }
  // A pipe on Linux is written synchronously: once this returns, the parent will read the line.
  process.stdout.write(`saved ${n}\n`)
}
process.exit(4)
