import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDraftStore, HEAD_FILE, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import {
  byLastEdited,
  firstScreenOf,
  folderSetOf,
  headOf,
  HEAD_SIZE,
  parseHead,
  serializeHead,
  withDraft,
  withoutDraft,
  type DraftsHead
} from '../../../src/main/services/drafts/draftsHead'
import type { DraftSummary } from '../../../src/shared/model/draft'
import { nodeServiceFs, type ServiceFs } from '../../../src/main/services/fs/serviceFs'
import { content, defined, sequentialIds, steppingClock } from '../../support/draftFixtures'
import { seededRandom } from '../../../bench/lib/random'

function summary(n: number, updatedAt: string): DraftSummary {
  return { id: `d-${String(n).padStart(4, '0')}`, title: `稿件 ${n}`, column: '', status: 'draft', excerpt: '', createdAt: updatedAt, updatedAt, trashedAt: null }
}

describe('the head of the draft list (pure)', () => {
  it('stays the start of the whole list through random saves, creates and removals, or says it cannot answer', () => {
    const random = seededRandom(3)
    const time = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString()
    let all = Array.from({ length: 250 }, (_, n) => summary(n, time(Math.floor(random() * 1000))))
    let head: DraftsHead = headOf([...all].sort(byLastEdited), all.map((d) => d.id))
    let next = all.length
    let answered = 0
    for (let step = 0; step < 2000; step++) {
      const roll = random()
      if (roll < 0.6 && all.length > 0) {
        // A save: newer than anything (autosave), or an older time (a sync brought an older copy).
        const target = defined(all[Math.floor(random() * all.length)])
        const saved = { ...target, title: `${target.title}′`, updatedAt: time(roll < 0.5 ? 1000 + step : Math.floor(random() * 1000)) }
        all = all.map((d) => (d.id === saved.id ? saved : d))
        head = withDraft(head, saved, false)
      } else if (roll < 0.8) {
        const made = summary(next++, time(1000 + step))
        all.push(made)
        head = withDraft(head, made, true)
      } else if (all.length > 0) {
        const gone = defined(all[Math.floor(random() * all.length)])
        all = all.filter((d) => d.id !== gone.id)
        head = withoutDraft(head, gone.id)
      }
      const whole = [...all].sort(byLastEdited)
      // All of it, not only the first screen: what it holds beyond is what the next removals fall back on.
      expect(head.drafts).toEqual(whole.slice(0, head.drafts.length))
      const screen = firstScreenOf(head, all.map((d) => d.id), 60)
      if (screen) {
        answered += 1
        expect(screen).toEqual(whole.slice(0, 60))
      }
      expect(head.total).toBe(all.length)
      expect(head.drafts.length).toBeLessThanOrEqual(HEAD_SIZE)
    }
    // Older saves and removals shrink what the head knows; it must still answer for most of the run.
    expect(answered).toBeGreaterThan(200)
  })

  it('does not answer for other folders: one added by hand, one removed, one renamed', () => {
    const drafts = [summary(1, '2026-01-02T00:00:00.000Z'), summary(2, '2026-01-01T00:00:00.000Z')]
    const names = drafts.map((d) => d.id)
    const head = headOf(drafts, names)
    expect(firstScreenOf(head, [...names].reverse(), 60)).toEqual(drafts)
    expect(firstScreenOf(head, [...names, 'd-copy'], 60)).toBeNull()
    expect(firstScreenOf(head, names.slice(1), 60)).toBeNull()
    expect(firstScreenOf(head, ['d-0001', 'd-0003'], 60)).toBeNull()
    expect(folderSetOf(['a', 'b'])).toEqual(folderSetOf(['b', 'a']))
    expect(folderSetOf(['ab'])).not.toEqual(folderSetOf(['ba']))
  })

  it('reads back what it wrote and nothing damaged', () => {
    const head = headOf([summary(1, '2026-01-02T00:00:00.000Z')], ['d-0001', 'readme.txt'])
    expect(parseHead(serializeHead(head))).toEqual(head)
    expect(parseHead('')).toBeNull()
    expect(parseHead('{"version":1,')).toBeNull()
    expect(parseHead(JSON.stringify({ version: 1, total: 1, folders: head.folders, drafts: [{ id: '../x' }] }))).toBeNull()
    expect(parseHead(JSON.stringify({ version: 2, total: 1, folders: head.folders, drafts: [] }))).toBeNull()
    // More drafts than it says there are: not the start of any list.
    expect(parseHead(JSON.stringify({ version: 1, total: 0, folders: head.folders, drafts: head.drafts }))).toBeNull()
  })
})

/** A file system that counts the reads of each file name, to see where a list came from. */
function countingFs(): ServiceFs & { reads: Map<string, number> } {
  const reads = new Map<string, number>()
  return {
    ...nodeServiceFs,
    reads,
    readFile: ((path: string, ...rest: unknown[]) => {
      const name = path.split(/[\\/]/).at(-1) ?? ''
      reads.set(name, (reads.get(name) ?? 0) + 1)
      return (nodeServiceFs.readFile as (...args: unknown[]) => Promise<unknown>)(path, ...rest)
    }) as ServiceFs['readFile']
  }
}

describe('DraftStore: the first screen from the head file', () => {
  let dir: string
  let clock: ReturnType<typeof steppingClock>
  let store: DraftStore
  const FIRST = 5

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-head-'))
    clock = steppingClock()
    store = createDraftStore({ dataDir: dir, clock, newId: sequentialIds() })
    for (let n = 1; n <= 12; n++) await store.create({ title: `第${n}篇` })
    // The head is made by a whole, checked list (every start asks for one), then follows each change.
    await store.list('active')
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  /** The first screen as a fresh start sees it, the files it read, and the checked list of a fresh store. */
  async function start() {
    const fs = countingFs()
    const stored = await createDraftStore({ dataDir: dir, clock, fs }).list('active', { stored: true, first: FIRST })
    const checked = await createDraftStore({ dataDir: dir, clock }).list('active')
    return { stored: stored.drafts, reads: fs.reads, checked: checked.drafts.slice(0, FIRST) }
  }

  it('answers from the small file alone, and matches the checked list after saves, renames, copies, trash and restore', async () => {
    const fromHead = async () => {
      const { stored, reads, checked } = await start()
      expect(stored).toEqual(checked)
      expect([...reads.keys()]).toEqual([HEAD_FILE])
    }
    await fromHead()
    await store.save('draft-0002', content('旧稿改过', '改了一个字。'))
    await fromHead()
    await store.rename('draft-0003', '改名的稿件')
    await fromHead()
    const copy = await store.duplicate('draft-0004')
    await fromHead()
    await store.trash(copy.id)
    await store.trash('draft-0012')
    await fromHead()
    await store.restore('draft-0012')
    await fromHead()
    expect(await store.discardUntouched((await store.create()).id)).toBe(true)
    await fromHead()
    const { stored } = await start()
    expect(stored.map((d) => d.title)).toEqual(['改名的稿件', '旧稿改过', '第12篇', '第11篇', '第10篇'])
  })

  it('is written again by the next checked list when a change happened beside the app', async () => {
    // A draft folder copied in by hand: the head does not name it, so the start reads the summaries or the files.
    await cp(join(dir, 'drafts', 'draft-0001'), join(dir, 'drafts', 'copied-by-hand'), { recursive: true })
    let { stored, reads, checked } = await start()
    expect(stored).toEqual(checked)
    expect(reads.get('draft.json') ?? 0).toBeGreaterThan(0)
    // That checked list wrote the head again: the next start uses it.
    ;({ stored, reads, checked } = await start())
    expect(stored).toEqual(checked)
    expect([...reads.keys()]).toEqual([HEAD_FILE])
  })

  it('falls back to the checked list when the head file is damaged, and writes a good one', async () => {
    for (const damage of ['', '{"version":1,"total":', JSON.stringify({ version: 1, total: 3, folders: { count: 1, a: 0, b: 0 }, drafts: [] })]) {
      await writeFile(join(dir, HEAD_FILE), damage)
      const { stored, checked } = await start()
      expect(stored).toEqual(checked)
      expect(stored.map((d) => d.title)).toEqual(['第12篇', '第11篇', '第10篇', '第9篇', '第8篇'])
      expect(parseHead(await readFile(join(dir, HEAD_FILE), 'utf8'))?.total).toBe(12)
    }
  })

  it('falls back when a save could not be followed: the head is forgotten, not left saying the old title', async () => {
    await start()
    const failing: ServiceFs = {
      ...nodeServiceFs,
      rename: async (from, to) => {
        if (String(to).endsWith('draft.json')) throw Object.assign(new Error('EROFS'), { code: 'EROFS' })
        return nodeServiceFs.rename(from, to)
      }
    }
    const broken = createDraftStore({ dataDir: dir, clock, fs: failing })
    await expect(broken.save('draft-0001', content('写不进去', '只读'))).rejects.toMatchObject({ code: 'read-only' })
    expect(existsSync(join(dir, HEAD_FILE))).toBe(false)
    const { stored, reads, checked } = await start()
    expect(stored).toEqual(checked)
    expect((reads.get('index.json') ?? 0) + (reads.get('draft.json') ?? 0)).toBeGreaterThan(0)
  })
})
