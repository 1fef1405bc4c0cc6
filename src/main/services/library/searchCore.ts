import MiniSearch from 'minisearch'
import type { LibraryChoices, LibraryHit, LibraryResult, LibraryView, SearchField, SnippetPart } from '../../../shared/library/query'
import { awaitsPerson, everyone, type LibraryMe } from '../../../shared/library/statuses'
import { isPlainView } from '../../../shared/library/view'
import { createGramSignatures } from './gramSignatures'
import type { Fold } from './fold'
import { peopleLine, type IndexedDraft } from './indexedDraft'

/**
 * The library's search, in memory: MiniSearch over the short fields (title, 副标题, 摘要, captions, people
 * with their pinyin initials, 栏目, 供稿单位) with a CJK n-gram tokenizer for single characters and initials; every
 * field's runs of two and three characters in gramSignatures for longer terms; every candidate confirmed on the
 * folded text so a hit is a real substring. Filters and sorts run on the same entries, in orders kept between
 * keystrokes. No I/O: libraryIndex.ts loads and stores the entries.
 */
export type SearchCore = {
  put(entry: IndexedDraft): void
  remove(id: string): void
  get(id: string): IndexedDraft | undefined
  ids(): string[]
  /** `knownChoices`: the revision of the filters' values the asker has; `snippetCount`: hits with snippets (100). */
  query(view: LibraryView, me: LibraryMe, options?: { knownChoices?: number | undefined; snippetCount?: number }): LibraryResult
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
  /** The folded short fields in one string, so one search covers them all. */
  short: string
  initials: string[]
  names: string[]
}

const LATIN = /^[a-z0-9]+$/
// Between the short fields: never in a folded query (queries are split on white space, this is a control character).
const SEPARATOR = '\u0001'
const WORD = /[\p{Script=Han}]+|[a-z0-9]+/gu

/**
 * MiniSearch's terms: each CJK character and whole Latin/digit words. Runs of two characters or more are
 * gramSignatures' work, so MiniSearch answers a lone character and names' pinyin initials typed as a prefix.
 */
export function indexTerms(folded: string): string[] {
  const out: string[] = []
  for (const [run] of folded.matchAll(WORD)) {
    if (LATIN.test(run)) out.push(run)
    else for (let i = 0; i < run.length; i++) out.push(run.charAt(i))
  }
  return out
}

/**
 * A CJK term as the hex of its code: MiniSearch's radix tree looks through a node's children one by one, and
 * thousands of characters under its root made adding a draft take milliseconds. Latin words stay as they are
 * (their prefixes are searched); '~' keeps the two apart.
 */
function termKey(term: string): string {
  return LATIN.test(term) ? term : `~${term.charCodeAt(0).toString(16)}`
}

type RevisedChoices = { choices: LibraryChoices; revision: number }

/** The filters' values with their revision: an FNV-1a hash of their content, so equal values agree anywhere. */
function revised(choices: LibraryChoices): RevisedChoices {
  let hash = 0x811c9dc5
  const mix = (code: number) => {
    hash = Math.imul(hash ^ code, 0x01000193)
  }
  for (const list of [choices.columns, choices.departments, choices.people]) {
    for (const value of list) {
      for (let i = 0; i < value.length; i++) mix(value.charCodeAt(i))
      mix(0)
    }
    mix(1)
  }
  return { choices, revision: hash >>> 0 }
}

export const NO_CHOICES: RevisedChoices = revised({ columns: [], departments: [], people: [] })

/** The answer's values: left out (null) when the asker has this revision already. */
export function choicesUnless(current: RevisedChoices, knownChoices: number | undefined): Pick<LibraryResult, 'choices' | 'choicesRevision'> {
  return { choices: knownChoices === current.revision ? null : current.choices, choicesRevision: current.revision }
}

export function createSearchCore(fold: Fold): SearchCore {
  const slots: (Slot | null)[] = []
  const slotOf = new Map<string, number>()
  const free: number[] = []
  const grams = createGramSignatures()
  const mini = new MiniSearch<{ id: number } & Record<ShortField | 'initials', string>>({
    idField: 'id',
    fields: [...SHORT_FIELDS, 'initials'],
    tokenize: indexTerms,
    processTerm: termKey,
    searchOptions: { tokenize: (term) => [term], processTerm: termKey, prefix: (term) => LATIN.test(term) }
  })

  /** The filters' choices, sorted by pinyin once per change of the drafts rather than once per keystroke. */
  let cachedChoices: RevisedChoices | null = null
  function choices(): RevisedChoices {
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
    cachedChoices = revised({ columns: [...columns].sort(byPinyin), departments: [...departments].sort(byPinyin), people: [...people].sort(byPinyin) })
    return cachedChoices
  }

  /** Every name in the drafts, for the person filter: a whole name picks that person, part of one everyone holding it. */
  let cachedNames: ReadonlySet<string> | null = null
  const knownNames = () => (cachedNames ??= new Set(choices().choices.people))

  /** Slots in each sort's ascending order, kept until the drafts change: a keystroke only walks one. */
  const orders = new Map<LibraryView['sort'], { dated: number[]; undated: number[] }>()
  function orderOf(sort: LibraryView['sort']): { dated: number[]; undated: number[] } {
    const cached = orders.get(sort)
    if (cached) return cached
    const dated: number[] = []
    const undated: number[] = []
    slots.forEach((slot, n) => {
      if (slot) (sort === 'publishAt' && !slot.entry.publishAt ? undated : dated).push(n)
    })
    const compare = comparator(sort)
    dated.sort((a, b) => compare(slots[a] as Slot, slots[b] as Slot))
    const order = { dated, undated }
    orders.set(sort, order)
    return order
  }

  function changedDrafts() {
    cachedChoices = null
    cachedNames = null
    previous = null
    orders.clear()
  }

  function remove(id: string) {
    const slot = slotOf.get(id)
    if (slot === undefined) return
    changedDrafts()
    mini.discard(slot)
    grams.clear(slot)
    slots[slot] = null
    slotOf.delete(id)
    free.push(slot)
  }

  function put(entry: IndexedDraft) {
    remove(entry.id)
    changedDrafts()
    const slot = free.pop() ?? slots.length
    const { names, initials } = peopleLine(entry)
    const text: Record<SearchField, string> = {
      ...entry.text,
      people: names,
      column: entry.column,
      department: entry.department
    }
    const folded = Object.fromEntries(Object.entries(text).map(([field, value]) => [field, fold(value)])) as Record<SearchField, string>
    const short = SHORT_FIELDS.map((field) => folded[field]).join(SEPARATOR)
    slots[slot] = { entry, text, folded, short, initials, names: everyone(entry.people) }
    slotOf.set(entry.id, slot)
    mini.add({ id: slot, ...pick(folded, SHORT_FIELDS), initials: initials.join(' ') })
    grams.add(slot, short)
    grams.add(slot, folded.body)
  }

  /** Whether a slot holds a folded term: anywhere for two characters or more, in a short field for one. */
  function holds(slot: Slot, term: string): boolean {
    if (slot.short.includes(term)) return true
    if (LATIN.test(term) && slot.initials.some((initials) => initials.startsWith(term))) return true
    return term.length >= 2 && slot.folded.body.includes(term)
  }

  /** Where one folded term is found in a slot, in field order (only for the hits shown with snippets). */
  function fieldsWith(slot: Slot, term: string): SearchField[] {
    const found: SearchField[] = SHORT_FIELDS.filter((field) => slot.folded[field].includes(term))
    if (!found.includes('people') && LATIN.test(term) && slot.initials.some((initials) => initials.startsWith(term))) found.push('people')
    if (term.length >= 2 && slot.folded.body.includes(term)) found.push('body')
    return found
  }

  /**
   * The last search, for the next keystroke: a draft that does not contain "运动" cannot contain "运动会", so
   * typing on only rereads the drafts the previous text matched. Any change of the drafts forgets it.
   */
  let previous: { terms: string[]; matches: Uint32Array } | null = null
  // Only from terms that were looked for in bodies too: a lone character was not, so its matches are too few.
  const extends_ = (terms: string[], before: string[]) => terms.length >= before.length && before.every((term, i) => term.length >= 2 && terms[i]?.includes(term))

  /** One bit per slot matching every term. */
  function textMatches(terms: string[]): Uint32Array {
    const words = Math.ceil(slots.length / 32)
    const matches = previous && extends_(terms, previous.terms) ? previous.matches.slice() : new Uint32Array(words).fill(0xffffffff)
    for (const term of terms) {
      const wanted = grams.bitsOf(term)
      // Short fields answer for single characters, and for pinyin initials typed as a prefix.
      const fromMini = new Set<number>()
      if (term.length < 2 || LATIN.test(term)) for (const hit of mini.search(term)) fromMini.add(hit.id as number)
      for (let w = 0; w < words; w++) {
        let value = matches[w] as number
        let kept = 0
        while (value !== 0) {
          const low = value & -value
          const n = w * 32 + (31 - Math.clz32(low))
          const slot = slots[n]
          if (slot && (fromMini.has(n) || (wanted.length > 0 && grams.mayHold(n, wanted))) && holds(slot, term)) kept |= low
          value ^= low
        }
        matches[w] = kept
      }
    }
    previous = { terms, matches }
    return matches
  }

  function query(view: LibraryView, me: LibraryMe, { knownChoices, snippetCount = 100 }: { knownChoices?: number | undefined; snippetCount?: number } = {}): LibraryResult {
    const noUserName = me.userName.trim() === ''
    // The page shows the plain list from main's own (drafts:list): it asks only for the filters' values and
    // whether 等我处理 knows who it is, and every save would otherwise send it all ids.
    if (isPlainView(view)) return { ready: true, ids: [], hits: [], ...choicesUnless(choices(), knownChoices), noUserName }
    const terms = fold(view.text).split(/\s+/).filter((term) => term !== '')
    const matches = terms.length > 0 ? textMatches(terms) : null
    const dateOf = (entry: IndexedDraft) => (view.sort === 'created' ? entry.createdAt : view.sort === 'publishAt' ? entry.publishAt : entry.updatedAt)
    const person = view.person.trim()
    // 王 or 老师 left in the field names nobody: it picks everyone whose name holds it, as the names offered did.
    const holdsPerson = person === '' ? null : knownNames().has(person) ? (name: string) => name === person : (name: string) => name.includes(person)
    const picked: Slot[] = []
    const consider = (n: number) => {
      if (matches && !((matches[n >>> 5] as number) & (1 << (n & 31)))) return
      const slot = slots[n]
      if (!slot) return
      const { entry } = slot
      if (view.status && entry.status !== view.status) return
      if (view.column && entry.column !== view.column) return
      if (view.department && entry.department !== view.department) return
      if (holdsPerson && !slot.names.some(holdsPerson)) return
      if (view.from || view.to) {
        const day = localDay(dateOf(entry))
        if (!day || (view.from && day < view.from) || (view.to && day > view.to)) return
      }
      if (view.mine && !awaitsPerson(entry.status, entry.people, me)) return
      picked.push(slot)
    }
    const { dated, undated } = orderOf(view.sort)
    if (view.descending) for (let i = dated.length - 1; i >= 0; i--) consider(dated[i] as number)
    else for (const n of dated) consider(n)
    for (const n of undated) consider(n)
    const hits: LibraryHit[] = []
    if (matches) {
      for (const slot of picked.slice(0, snippetCount)) {
        const fields = new Set(terms.flatMap((term) => fieldsWith(slot, term)))
        hits.push({ id: slot.entry.id, matches: snippets(slot, fields, terms) })
      }
    }
    return {
      ready: true,
      ids: picked.map((slot) => slot.entry.id),
      hits,
      ...choicesUnless(choices(), knownChoices),
      noUserName
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

/** Ascending order of a sort (the list runs it backwards when descending); ties go by last edited. */
function comparator(sort: LibraryView['sort']): (a: Slot, b: Slot) => number {
  const key = sort === 'created' ? 'createdAt' : sort === 'publishAt' ? 'publishAt' : 'updatedAt'
  return (a, b) => {
    let order: number
    if (sort === 'title') order = collator.compare(a.entry.text.title, b.entry.text.title)
    else {
      const x = a.entry[key] ?? ''
      const y = b.entry[key] ?? ''
      order = x < y ? -1 : x > y ? 1 : 0
    }
    if (order === 0) order = a.entry.updatedAt < b.entry.updatedAt ? -1 : a.entry.updatedAt > b.entry.updatedAt ? 1 : 0
    return order
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
