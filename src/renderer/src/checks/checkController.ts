import type { EditorState, LexicalEditor, NodeKey } from 'lexical'
// Relative, not @shared: the controller is unit-tested under Vitest, which has no @shared alias.
import type { CheckInput, CheckOptions, CheckResult, CheckSegment, Finding } from '../../../shared/checks/types'
import type { Waiver } from '../../../shared/model/signOff'
import { WAIVER_REASON_MAX } from '../../../shared/model/signOff'
import { BodyFlattener, articleSegments, type ArticleFields, type FlatBody, type SegmentPlace } from './articleSegments'
import type { CheckRunner } from './checkClient'

/** Where a check cycle starts on the main thread (the debounce timer's task); bench:checks finds the task by it. */
export const PREPARE_START = 'newsroom-checks:prepare-start'
/** Set when an answer has been taken in and its marks painted; bench:checks finds the answer's task by it. */
export const APPLIED_MARK = 'newsroom-checks:applied'

const markCounts = new Map<string, number>()

/** A mark on the page's timeline for bench:checks, which must not grow with every pause over a long day. */
export function benchMark(name: string): void {
  // Counted here: asking the timeline how many it holds costs more than the mark.
  const count = (markCounts.get(name) ?? 0) + 1
  markCounts.set(name, count > 200 ? 1 : count)
  if (count > 200) performance.clearMarks(name)
  performance.mark(name)
}

/** Quiet time after the last keystroke before the article is checked: marks appear well within a second. */
export const CHECK_DEBOUNCE_MS = 300

/**
 * A finding let through, with why (a reason is required for errors): ignored here, or waived by an earlier
 * signer of this round (`by`), whose record the reviewer then sees beside the finding.
 */
export type Ignored = { reason: string; by?: string }

export type CheckSnapshot = {
  status: 'idle' | 'checking' | 'ready' | 'failed'
  result: CheckResult | null
  /** The segments the result's offsets refer to, and where each came from in the editor. */
  segments: readonly CheckSegment[]
  places: readonly SegmentPlace[]
  ignored: ReadonlyMap<string, Ignored>
}

/** Names a finding across edits: the rule, the field and the text it marks (offsets move as people type); main's findingKeyOf. */
export function findingId(finding: Finding, segments: readonly CheckSegment[]): string {
  return `${finding.ruleId}|${segments[finding.segment]?.field ?? ''}|${finding.excerpt}`
}

export type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>

/**
 * Keeps one draft's check results: schedules a check after each edit, drops answers made stale by newer text,
 * and remembers what the writer ignored (in localStorage, per draft, so a reload keeps the reasons).
 */
export class CheckController {
  private snapshot: CheckSnapshot = { status: 'idle', result: null, segments: [], places: [], ignored: new Map() }
  private listeners = new Set<() => void>()
  private editor: LexicalEditor | null = null
  private fields: ArticleFields = { title: '', subtitle: '', summary: '', creditLine: '', photographers: [] }
  private options: CheckOptions | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private flattener = new BodyFlattener()
  /** The editor state the flattener's blocks were last told about; an update from another state means we missed one. */
  private seenState: EditorState | null = null
  private disposed = false
  /** Ignored on this desk (kept per draft); `snapshot.ignored` adds the earlier signers' waivers to these. */
  private own: Map<string, Ignored>
  private inherited: { waivers: readonly Waiver[]; describe: (finding: Finding, segments: readonly CheckSegment[]) => string } | null = null

  constructor(
    private readonly runner: CheckRunner,
    private readonly draftId: string,
    private readonly storage: Storage | null,
    private readonly debounceMs = CHECK_DEBOUNCE_MS
  ) {
    this.own = this.loadIgnored()
    this.snapshot = { ...this.snapshot, ignored: new Map(this.own) }
  }

  /** The waivers of the round's valid sign-offs: a finding one of them let through shows as waived, by whom. */
  setInherited(waivers: readonly Waiver[], describe: (finding: Finding, segments: readonly CheckSegment[]) => string) {
    this.inherited = { waivers, describe }
    this.update({ ignored: this.ignoredFor(this.snapshot.result, this.snapshot.segments) })
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = () => this.snapshot

  setEditor(editor: LexicalEditor | null) {
    this.editor = editor
    this.flattener.reset()
    this.seenState = editor?.getEditorState() ?? null
    this.schedule()
  }

  setFields(fields: ArticleFields) {
    const same = (Object.keys(fields) as (keyof ArticleFields)[]).every((key) => String(fields[key]) === String(this.fields[key]))
    this.fields = fields
    if (!same) this.schedule()
  }

  setOptions(options: CheckOptions | null) {
    this.options = options
    this.schedule()
  }

  /** Called on every edit; only a timer is set, so a keystroke costs next to nothing. */
  schedule() {
    if (this.disposed) return
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.run()
    }, this.debounceMs)
  }

  /**
   * An editor update (the update listener's payload): the blocks it touched are re-read at the next check, and the
   * check is scheduled. A whole new state (undo, a draft loaded: only the root marked) or an update after one we did
   * not see re-reads everything.
   */
  noteUpdate(update: { dirtyElements: ReadonlyMap<NodeKey, boolean>; dirtyLeaves: ReadonlySet<NodeKey>; prevEditorState: EditorState; editorState: EditorState; tags: ReadonlySet<string> }) {
    const { dirtyElements, dirtyLeaves } = update
    const whole = update.prevEditorState !== this.seenState || update.tags.has('historic') || (dirtyLeaves.size === 0 && dirtyElements.size === 1 && dirtyElements.has('root'))
    this.seenState = update.editorState
    if (whole) this.flattener.reset()
    else {
      this.flattener.markDirty(dirtyElements.keys())
      this.flattener.markDirty(dirtyLeaves)
    }
    if (dirtyElements.size > 0 || dirtyLeaves.size > 0) this.schedule()
  }

  /** Checks now (the sign-off dialog wants the result for the text as it is, not as it was 300 ms ago). */
  async run(): Promise<CheckSnapshot> {
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const options = this.options
    if (this.disposed || options === null) return this.snapshot
    benchMark(PREPARE_START)
    const flat = this.flattenBody()
    const article = articleSegments(this.fields, flat)
    const input: CheckInput = { segments: article.segments, photos: flat.photos, links: article.links, options }
    // Once there is a result, 'checking' is not announced: the panel and marks would re-render (and lay out) twice
    // per pause in typing for an indicator shown for the worker's few tens of milliseconds. The sign-off dialog
    // reads the status itself.
    this.update({ status: 'checking' }, this.snapshot.result !== null)
    try {
      const result = await this.runner.check(input)
      // A newer check is under way: its answer will come.
      if (result === null || this.disposed) return this.snapshot
      this.update({ status: 'ready', result, segments: article.segments, places: article.places, ignored: this.ignoredFor(result, article.segments) })
      benchMark(APPLIED_MARK)
    } catch {
      this.update({ status: 'failed' })
    }
    return this.snapshot
  }

  ignore(finding: Finding, reason: string) {
    this.own.set(findingId(finding, this.snapshot.segments), { reason: reason.trim().slice(0, WAIVER_REASON_MAX) })
    this.update({ ignored: this.ignoredFor(this.snapshot.result, this.snapshot.segments) })
    this.saveIgnored()
  }

  /** Takes back an ignore made here; an earlier signer's waiver stays in their record and is shown again. */
  unignore(finding: Finding) {
    this.own.delete(findingId(finding, this.snapshot.segments))
    this.update({ ignored: this.ignoredFor(this.snapshot.result, this.snapshot.segments) })
    this.saveIgnored()
  }

  dispose() {
    this.disposed = true
    if (this.timer !== null) clearTimeout(this.timer)
    this.runner.dispose()
    this.listeners.clear()
  }

  private flattenBody(): FlatBody {
    const editor = this.editor
    if (!editor) return { segments: [], places: [], photos: [], links: [] }
    const photographers = this.fields.photographers
    return editor.getEditorState().read(() => this.flattener.$flatten((key) => photoSizeOf(editor, key), photographers))
  }

  private ignoredFor(result: CheckResult | null, segments: readonly CheckSegment[]): Map<string, Ignored> {
    const ignored = new Map(this.own)
    if (!this.inherited || !result || this.inherited.waivers.length === 0) return ignored
    const { waivers, describe } = this.inherited
    for (const finding of result.findings) {
      const id = findingId(finding, segments)
      if (ignored.has(id)) continue
      // Describing a finding costs a translation: only older waivers without a key need it.
      let summary: string | null = null
      const described = () => (summary ??= describe(finding, segments).slice(0, 500))
      // The latest signer's word on it: they saw the earlier ones and signed after them.
      const waiver = waivers.findLast((w) => (w.key !== undefined ? w.key === id : w.ruleId === finding.ruleId && w.finding === described()))
      if (waiver) ignored.set(id, { reason: waiver.reason, by: waiver.by })
    }
    return ignored
  }

  private update(patch: Partial<CheckSnapshot>, quiet = false) {
    this.snapshot = { ...this.snapshot, ...patch }
    if (quiet) return
    for (const listener of this.listeners) listener()
  }

  private get storageKey() {
    return `newsroom.checks.ignored.${this.draftId}`
  }

  private loadIgnored(): Map<string, Ignored> {
    try {
      const raw = this.storage?.getItem(this.storageKey)
      const parsed: unknown = raw ? JSON.parse(raw) : []
      if (!Array.isArray(parsed)) return new Map()
      return new Map(
        parsed.filter((entry): entry is [string, string] => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string').map(([id, reason]) => [id, { reason }])
      )
    } catch {
      return new Map()
    }
  }

  private saveIgnored() {
    try {
      const entries = [...this.own].map(([id, { reason }]) => [id, reason])
      if (entries.length === 0) this.storage?.removeItem(this.storageKey)
      else this.storage?.setItem(this.storageKey, JSON.stringify(entries))
    } catch {
      // Remembering ignores across a reload is a nicety; the sign-off asks again when they are gone.
    }
  }
}

/**
 * A photo's pixel size as the editor loaded it; 0 × 0 while the picture has not loaded (the engine treats an
 * unknown size as nothing to report).
 */
function photoSizeOf(editor: LexicalEditor, key: NodeKey): { width: number; height: number } {
  const image = editor.getElementByKey(key)?.querySelector('img')
  return { width: image?.naturalWidth ?? 0, height: image?.naturalHeight ?? 0 }
}

export type OpenFinding = { finding: Finding; id: string; ignored: Ignored | null }

/** The findings of a snapshot with what was ignored, errors first, in reading order within a severity. */
export function openFindings(snapshot: CheckSnapshot): OpenFinding[] {
  // The panel, the marks and the field marks each ask for the same answer's list.
  const known = openCache.get(snapshot)
  if (known) return known
  const order = { error: 0, warning: 1, info: 2 } as const
  const list = (snapshot.result?.findings ?? [])
    .map((finding) => {
      const id = knownFindingId(finding, snapshot.segments)
      return { finding, id, ignored: snapshot.ignored.get(id) ?? null }
    })
    .sort((a, b) => order[a.finding.severity] - order[b.finding.severity] || a.finding.segment - b.finding.segment || a.finding.start - b.finding.start)
  openCache.set(snapshot, list)
  return list
}

const openCache = new WeakMap<CheckSnapshot, OpenFinding[]>()

/** A finding the worker found again is the same object (checkMessages): its id is built once, not per answer. */
const ids = new WeakMap<Finding, { field: string | undefined; id: string }>()

function knownFindingId(finding: Finding, segments: readonly CheckSegment[]): string {
  const field = segments[finding.segment]?.field
  const known = ids.get(finding)
  if (known && known.field === field) return known.id
  const id = findingId(finding, segments)
  ids.set(finding, { field, id })
  return id
}

/** Whether a finding of the snapshot was ignored or waived (what openFindings says, without sorting them all). */
export function isIgnored(snapshot: CheckSnapshot, finding: Finding): boolean {
  return snapshot.ignored.size > 0 && snapshot.ignored.has(knownFindingId(finding, snapshot.segments))
}

/** Errors nobody has let through with a reason: these block 提交 and every sign-off. */
export function unwaivedErrors(snapshot: CheckSnapshot): OpenFinding[] {
  return openFindings(snapshot).filter((entry) => entry.finding.severity === 'error' && (entry.ignored === null || entry.ignored.reason === ''))
}

/** The waivers a sign-off carries: every finding ignored with a reason, signed by the person signing. */
export function waiversOf(snapshot: CheckSnapshot, by: string, describe: (finding: Finding) => string): Waiver[] {
  const seen = new Set<string>()
  const waivers: Waiver[] = []
  for (const entry of openFindings(snapshot)) {
    if (!entry.ignored || entry.ignored.reason === '' || seen.has(entry.id)) continue
    seen.add(entry.id)
    waivers.push({ ruleId: entry.finding.ruleId, finding: describe(entry.finding).slice(0, 500), reason: entry.ignored.reason, by, key: entry.id.slice(0, 800) })
  }
  return waivers.slice(0, 200)
}
