import MiniSearch from 'minisearch'
import type { LibraryHit, LibraryResult, LibraryView, SearchField, SnippetPart } from '../../../shared/library/query'
import { awaitsPerson, everyone, type LibraryMe } from '../../../shared/library/statuses'
import { createBodyGrams } from './bodyGrams'
import type { Fold } from './fold'
import { peopleLine, type IndexedDraft } from './indexedDraft'

/**
 * The library's search, in memory: MiniSearch over the short fields (title, 副标题, 摘要, captions, people
 * with their pinyin initials, 栏目, 供稿单位) with a CJK bigram tokenizer, bodies through bodyGrams, and every
 * candidate confirmed on the folded text so a hit is a real substring. Filters and sorts run on the same
 * entries. No I/O: libraryIndex.ts loads and stores the entries.
 */
export type SearchCore = {
  put(entry: IndexedDraft): void
  remove(id: string): void
  get(id: string): IndexedDraft | undefined
  ids(): string[]
  query(view: LibraryView, me: LibraryMe, snippetCount?: number): LibraryResult
  readonly size: number
  readonly gramBytes: number
}

type ShortField = Exclude<SearchField, 'body'>
const SHORT_FIELDS: readonly ShortField[] = ['title', 'subtitle', 'people', 'column', 'department', 'summary', 'captions']

type Slot = {
  entry: IndexedDraft
  /** Original and folded text per field; folded is the same string when folding changed nothing. */
  text: Record<SearchField, string>
  folded: Record<SearchField, string>
  initials: string[]
  names: string[]
}

const LATIN = /^[a-z0-9]+$/
const WORD = /[\p{Script=Han}]+|[a-z0-9]+/gu

/** Index terms: each CJK character and each pair of neighbours, and whole Latin/digit words. */
export function indexTerms(folded: string): string[] {
  const out: string[] = []
  for (const [run] of folded.matchAll(WORD)) {
    if (LATIN.test(run)) {
      out.push(run)
      continue
    }
    for (let i = 0; i < run.length; i++) {
      out.push(run.charAt(i))
      if (i + 1 < run.length) out.push(run.slice(i, i + 2))
    }
  }
  return out
}

/** Query terms: the pairs of a CJK run (a lone character stands for itself), and Latin words as prefixes. */
function queryTerms(folded: string): string[] {
  const out: string[] = []
  for (const [run] of folded.matchAll(WORD)) {
    if (LATIN.test(run) || run.length === 1) out.push(run)
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2))
  }
  return out
}

export function createSearchCore(fold: Fold): SearchCore {
  const slots: (Slot | null)[] = []
  const slotOf = new Map<string, number>()
  const free: number[] = []
  const grams = createBodyGrams()
  const mini = new MiniSearch<{ id: number } & Record<ShortField | 'initials', string>>({
    idField: 'id',
    fields: [...SHORT_FIELDS, 'initials'],
    tokenize: indexTerms,
    processTerm: (term) => term,
    searchOptions: { tokenize: queryTerms, processTerm: (term) => term, combineWith: 'AND', prefix: (term) => LATIN.test(term) }
  })

  /** The filters' choices, sorted by pinyin once per change of the drafts rather than once per keystroke. */
  let cachedChoices: LibraryResult['choices'] | null = null
  function choices(): LibraryResult['choices'] {
    if (cachedChoices) return cachedChoices
    const columns = new Set<string>()
    const departments = new Set<string>()
    const people = new Set<string>()
    for (const slot of slots) {
      if (!slot) continue
      if (slot.entry.column) columns.add(slot.entry.column)
      if (slot.entry.department) departments.add(slot.entry.department)
      for (const name of slot.names) people.add(name)
    }
    const byPinyin = (a: string, b: string) => collator.compare(a, b)
    cachedChoices = { columns: [...columns].sort(byPinyin), departments: [...departments].sort(byPinyin), people: [...people].sort(byPinyin) }
    return cachedChoices
  }

  function remove(id: string) {
    const slot = slotOf.get(id)
    if (slot === undefined) return
    cachedChoices = null
    previous = null
    mini.discard(slot)
    grams.clear(slot)
    slots[slot] = null
    slotOf.delete(id)
    free.push(slot)
  }

  function put(entry: IndexedDraft) {
    remove(entry.id)
    cachedChoices = null
    previous = null
    const slot = free.pop() ?? slots.length
    const { names, initials } = peopleLine(entry)
    const text: Record<SearchField, string> = {
      ...entry.text,
      people: names,
      column: entry.column,
      department: entry.department
    }
    const folded = Object.fromEntries(Object.entries(text).map(([field, value]) => [field, fold(value)])) as Record<SearchField, string>
    slots[slot] = { entry, text, folded, initials, names: everyone(entry.people) }
    slotOf.set(entry.id, slot)
    mini.add({ id: slot, ...pick(folded, SHORT_FIELDS), initials: initials.join(' ') })
    grams.set(slot, folded.body)
  }

  /** Where one folded term is found in a slot, in field order; empty when it is not. */
  function fieldsWith(slot: Slot, term: string, bodyToo: boolean): SearchField[] {
    const found: SearchField[] = SHORT_FIELDS.filter((field) => slot.folded[field].includes(term))
    if (!found.includes('people') && LATIN.test(term) && slot.initials.some((initials) => initials.startsWith(term))) found.push('people')
    if (bodyToo && slot.folded.body.includes(term)) found.push('body')
    return found
  }

  /**
   * The last search, for the next keystroke: a draft that does not contain "运动" cannot contain "运动会", so
   * typing on only rereads the drafts the previous text matched. Any change of the drafts forgets it.
   */
  let previous: { terms: string[]; matches: Map<number, Set<SearchField>> } | null = null
  // Only from terms that were looked for in bodies too: a lone character was not, so its matches are too few.
  const extends_ = (terms: string[], before: string[]) => terms.length >= before.length && before.every((term, i) => term.length >= 2 && terms[i]?.includes(term))

  /** Slots matching every term, each with the fields each term was found in. */
  function textMatches(terms: string[]): Map<number, Set<SearchField>> {
    const narrowed = previous && extends_(terms, previous.terms) ? previous.matches : null
    const matches = searchTerms(terms, narrowed)
    previous = { terms, matches }
    return matches
  }

  function searchTerms(terms: string[], within: Map<number, Set<SearchField>> | null): Map<number, Set<SearchField>> {
    let result: Map<number, Set<SearchField>> | null = null
    for (const term of terms) {
      // A single character is not searched in bodies: it is in nearly all of them.
      const bodyToo = term.length >= 2
      const candidates = new Set<number>()
      if (within) for (const slot of within.keys()) candidates.add(slot)
      else {
        for (const hit of mini.search(term)) candidates.add(hit.id as number)
        if (bodyToo) for (const slot of grams.candidates(term, (s) => slots[s] != null) ?? []) candidates.add(slot)
      }
      const next = new Map<number, Set<SearchField>>()
      for (const slotNumber of candidates) {
        if (result && !result.has(slotNumber)) continue
        const slot = slots[slotNumber]
        if (!slot) continue
        const fields = fieldsWith(slot, term, bodyToo)
        if (fields.length === 0) continue
        next.set(slotNumber, new Set([...(result?.get(slotNumber) ?? []), ...fields]))
      }
      result = next
    }
    return result ?? new Map()
  }

  function query(view: LibraryView, me: LibraryMe, snippetCount = 100): LibraryResult {
    const terms = fold(view.text).split(/\s+/).filter((term) => term !== '')
    const matches = terms.length > 0 ? textMatches(terms) : null
    const dateOf = (entry: IndexedDraft) => (view.sort === 'created' ? entry.createdAt : view.sort === 'publishAt' ? entry.publishAt : entry.updatedAt)
    const picked: Slot[] = []
    slots.forEach((slot, slotNumber) => {
      if (!slot) return
      const { entry } = slot
      if (matches && !matches.has(slotNumber)) return
      if (view.status && entry.status !== view.status) return
      if (view.column && entry.column !== view.column) return
      if (view.department && entry.department !== view.department) return
      if (view.person && !slot.names.includes(view.person.trim())) return
      if (view.from || view.to) {
        const day = localDay(dateOf(entry))
        if (!day || (view.from && day < view.from) || (view.to && day > view.to)) return
      }
      if (view.mine && !awaitsPerson(entry.status, entry.people, me)) return
      picked.push(slot)
    })
    picked.sort(comparator(view))
    const hits: LibraryHit[] = []
    if (matches) {
      for (const slot of picked.slice(0, snippetCount)) {
        const fields = matches.get(slotOf.get(slot.entry.id) ?? -1) ?? new Set<SearchField>()
        hits.push({ id: slot.entry.id, matches: snippets(slot, fields, terms) })
      }
    }
    return {
      ready: true,
      ids: picked.map((slot) => slot.entry.id),
      hits,
      choices: choices(),
      noUserName: me.userName.trim() === ''
    }
  }

  return {
    put,
    remove,
    get: (id) => {
      const slot = slotOf.get(id)
      return slot === undefined ? undefined : slots[slot]?.entry
    },
    ids: () => [...slotOf.keys()],
    query,
    get size() {
      return slotOf.size
    },
    get gramBytes() {
      return grams.bytes
    }
  }
}

const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin')

function pick<K extends string>(record: Record<string, string>, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, record[key] ?? ''])) as Record<K, string>
}

/** yyyy-mm-dd of an ISO time in this computer's time zone (the day a person means). */
function localDay(iso: string | null): string | null {
  if (!iso) return null
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return null
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
}

function comparator(view: LibraryView): (a: Slot, b: Slot) => number {
  const sign = view.descending ? -1 : 1
  return (a, b) => {
    let order: number
    if (view.sort === 'title') order = collator.compare(a.entry.text.title, b.entry.text.title)
    else {
      const key = view.sort === 'created' ? 'createdAt' : view.sort === 'publishAt' ? 'publishAt' : 'updatedAt'
      const x = a.entry[key] ?? ''
      const y = b.entry[key] ?? ''
      // Drafts without a publish time go last whichever way the list runs.
      if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1
      order = x < y ? -1 : x > y ? 1 : 0
    }
    if (order === 0) order = a.entry.updatedAt < b.entry.updatedAt ? -1 : a.entry.updatedAt > b.entry.updatedAt ? 1 : 0
    return order * sign
  }
}

const BEFORE = 16
const AFTER = 48

/** Snippets of the matched fields: the text around the first hit, every hit of every term marked. */
function snippets(slot: Slot, fields: Set<SearchField>, terms: string[]): LibraryHit['matches'] {
  const out: LibraryHit['matches'] = []
  for (const field of [...SHORT_FIELDS, 'body' as const]) {
    if (!fields.has(field)) continue
    const original = slot.text[field]
    const folded = slot.folded[field]
    const first = Math.min(...terms.map((term) => folded.indexOf(term)).filter((at) => at >= 0))
    if (!Number.isFinite(first)) {
      // Found by pinyin initials: the people line is shown whole.
      out.push({ field, parts: [{ text: original, hit: false }] })
      continue
    }
    const long = field === 'body' || field === 'summary' || field === 'captions'
    const start = long ? Math.max(0, first - BEFORE) : 0
    const end = long ? Math.min(original.length, first + AFTER) : original.length
    out.push({ field, parts: marked(original, folded, terms, start, end) })
  }
  return out
}

function marked(original: string, folded: string, terms: string[], start: number, end: number): SnippetPart[] {
  const hit = new Uint8Array(end - start)
  for (const term of terms) {
    for (let at = folded.indexOf(term, Math.max(0, start - term.length + 1)); at >= 0 && at < end; at = folded.indexOf(term, at + 1)) {
      for (let i = Math.max(at, start); i < Math.min(at + term.length, end); i++) hit[i - start] = 1
    }
  }
  const parts: SnippetPart[] = []
  if (start > 0) parts.push({ text: '…', hit: false })
  let runStart = start
  for (let i = start + 1; i <= end; i++) {
    if (i === end || hit[i - start] !== hit[runStart - start]) {
      parts.push({ text: original.slice(runStart, i).replace(/\s+/g, ' '), hit: hit[runStart - start] === 1 })
      runStart = i
    }
  }
  if (end < original.length) parts.push({ text: '…', hit: false })
  return parts
}
