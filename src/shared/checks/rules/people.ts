import { AhoCorasick, type AcMatch } from '../ahoCorasick'
import { pinyin } from 'pinyin-pro'
import { titleOn } from '../../model/directory'
import type { RuleContext, RuleGroup } from '../engine'
import type { CheckPerson } from '../types'
import { calendarDateOf, isHan, sentences } from '../text'

/**
 * 政治性差错 around the office's people: a known person written with a 职务 that is not theirs on the article's
 * 发布时间, leaders listed against their rank in one sentence, a known name with one character wrong (同音 or 形近)
 * next to a 职务.
 *
 * 同音 needs full pinyin: the directory's autocomplete gets initials from the platform's pinyin collation, which
 * cannot tell 明 (ming) from 敏 (min), so readings come from pinyin-pro (every reading of a 多音字 counts).
 */

/** 职务 words the office writes beside names, besides the directory's own titles. Academic ranks (教授) are not 职务. */
const COMMON_TITLES = [
  '党委书记', '党委副书记', '纪委书记', '书记', '副书记', '校长', '副校长', '常务副校长', '校长助理', '总会计师',
  '院长', '副院长', '党委委员', '常委', '主任', '副主任', '处长', '副处长', '部长', '副部长', '馆长', '副馆长',
  '所长', '副所长', '主席', '副主席', '秘书长', '副秘书长', '局长', '副局长', '厅长', '副厅长', '省长', '副省长',
  '市长', '副市长', '董事长', '总经理', '理事长', '会长', '副会长', '团委书记', '工会主席', '调研员'
]

/** The 形近 characters names are most often mistyped with (a 同音 mistake is found through pinyin). */
const SIMILAR_SHAPES = [
  '己已巳', '戊戌戍', '未末', '士土', '日曰', '王玉主', '李季', '刘浏', '陈阵', '张涨', '赵起', '侯候', '傅博搏',
  '崔催', '谭潭', '冯凭', '郑邓', '林材琳', '晓骁', '明朋', '斌赋', '辉挥', '杨扬汤', '钰珏', '锦绵', '峰锋烽',
  '宏弘', '伟纬', '华桦', '梁粱', '栋拣', '壮状', '籍藉', '祎袆', '玮炜', '睿叡', '凯恺铠', '浩皓', '楠柟', '琦崎',
  '旭昶', '昊吴', '彬杉', '苹萍', '莹滢', '媛嫒', '婷亭', '鑫鑫', '淼渺', '霖琳', '璐潞'
]
const SHAPE_GROUP = new Map<string, string>()
for (const group of SIMILAR_SHAPES) for (const ch of group) SHAPE_GROUP.set(ch, group)

const readings = new Map<string, readonly string[]>()
function readingsOf(ch: string): readonly string[] {
  let out = readings.get(ch)
  if (!out) {
    out = pinyin(ch, { toneType: 'none', multiple: true, type: 'array' })
    readings.set(ch, out)
  }
  return out
}

export function soundsAlike(a: string, b: string): boolean {
  const mine = readingsOf(a)
  return readingsOf(b).some((r) => mine.includes(r))
}

export function looksAlike(a: string, b: string): boolean {
  const group = SHAPE_GROUP.get(a)
  return group !== undefined && group.includes(b)
}

/** Characters that may stand right before or after a name in running text, so a 2-character match is a whole name. */
const NAME_EDGE = new Set([...'，。、；：！？（）“”‘’《》和与及等同在出指表强说讲主致介代为对向率带参来就是也还都将于由请到会看听陪一作宣观调走看希要'])

interface People {
  byName: Map<string, CheckPerson>
  names: AhoCorasick<CheckPerson> | null
  titles: AhoCorasick<string>
  titleSet: Set<string>
  longestTitle: number
  byLength: Map<number, string[]>
}

let cached: { key: string; people: People } | null = null

function heldTitles(person: CheckPerson, date: string | null): string[] {
  const title = titleOn(person.titles, date)
  return title === null ? [] : title.split(/[、，,；;]/).map((t) => t.trim()).filter((t) => t !== '')
}

function prepare(list: readonly CheckPerson[]): People {
  const key = JSON.stringify(list)
  if (cached?.key === key) return cached.people
  const byName = new Map<string, CheckPerson>()
  for (const person of list) if (person.name.length >= 2) byName.set(person.name, person)
  const titleSet = new Set(COMMON_TITLES)
  for (const person of list) for (const entry of person.titles) for (const t of entry.title.split(/[、，,；;]/)) if (t.trim().length >= 2) titleSet.add(t.trim())
  const byLength = new Map<number, string[]>()
  for (const name of byName.keys()) byLength.set(name.length, [...(byLength.get(name.length) ?? []), name])
  const people: People = {
    byName,
    names: byName.size === 0 ? null : new AhoCorasick([...byName.values()].map((person) => ({ pattern: person.name, data: person }))),
    titles: new AhoCorasick([...titleSet].map((t) => ({ pattern: t, data: t }))),
    titleSet,
    longestTitle: Math.max(...[...titleSet].map((t) => t.length)),
    byLength
  }
  cached = { key, people }
  return people
}

/** The longest 职务 ending at `end` (before a name) or starting at `start` (after one). */
function titleBefore(p: People, text: string, end: number): { title: string; start: number } | null {
  for (let length = Math.min(p.longestTitle, end); length >= 2; length -= 1) {
    const title = text.slice(end - length, end)
    if (p.titleSet.has(title)) return { title, start: end - length }
  }
  return null
}

function titleAfter(p: People, text: string, start: number): string | null {
  for (let length = Math.min(p.longestTitle, text.length - start); length >= 2; length -= 1) {
    const title = text.slice(start, start + length)
    if (p.titleSet.has(title)) return title
  }
  return null
}

/** 副校长 written as 校长, or 校长 as 副校长: the written title must be one held, or its ending without dropping 副. */
export function titleFits(written: string, held: readonly string[]): boolean {
  return held.some((h) => h === written || (h.endsWith(written) && h.charAt(h.length - written.length - 1) !== '副'))
}

/** 原副校长, 时任校长, 前院长: a title someone held before, not a claim about today. */
function former(text: string, titleStart: number): boolean {
  return /(?:原|前|时任|老|曾任|退休)$/.test(text.slice(Math.max(0, titleStart - 2), titleStart))
}

/** Each segment's known names and 职务 words, found once for all three rules. */
interface Found {
  names: AcMatch<CheckPerson>[][]
  titles: AcMatch<string>[][]
}

function wrongTitles(context: RuleContext, p: People, found: Found, date: string | null): void {
  context.input.segments.forEach((segment, index) => {
    const text = segment.text
    for (const match of found.names[index] ?? []) {
      const person = match.data
      if (!person) continue
      const held = heldTitles(person, date)
      if (held.length === 0) continue
      // A longer Han word around the name (李明亮 for 李明) is someone else.
      const before = titleBefore(p, text, match.start)
      if (before && !former(text, before.start) && !titleFits(before.title, held)) {
        context.report('people.wrong-title', index, before.start, match.end, { name: person.name, written: before.title, held: held.join('、') })
      }
      const after = titleAfter(p, text, match.end)
      if (after && !titleFits(after, held)) {
        context.report('people.wrong-title', index, match.start, match.end + after.length, { name: person.name, written: after, held: held.join('、') })
      }
    }
  })
}

const JOINER = /^[、，,和与及\s]*(?:以及)?[、，,和与及\s]*$/

/** Leaders named one after another in a sentence (joined by 、 和 与 及, each with their titles) must come in rank order. */
function rankOrder(context: RuleContext, p: People, found: Found): void {
  context.input.segments.forEach((segment, index) => {
    const text = segment.text
    const ranked = (found.names[index] ?? []).filter((m) => m.data.rank !== null)
    if (ranked.length < 2) return
    for (const sentence of sentences(text)) {
      const inSentence = ranked.filter((m) => m.start >= sentence.start && m.end <= sentence.end)
      let chain: typeof inSentence = []
      const flush = () => {
        const ranks = chain.map((m) => m.data.rank ?? 0)
        if (chain.length >= 2 && ranks.some((r, i) => i > 0 && r < (ranks[i - 1] ?? 0))) {
          const expected = [...chain].sort((a, b) => (a.data.rank ?? 0) - (b.data.rank ?? 0)).map((m) => (m.data.name))
          context.report('people.rank-order', index, chain[0]?.start ?? 0, chain.at(-1)?.end ?? 0, { names: chain.map((m) => (m.data.name)).join('、'), expected: expected.join('、') })
        }
        chain = []
      }
      for (const m of inSentence) {
        const last = chain.at(-1)
        if (last) {
          let between = text.slice(last.end, m.start)
          for (const hit of p.titles.search(between).reverse()) between = between.slice(0, hit.start) + between.slice(hit.end)
          between = between.replace(/同志/g, '')
          if (!JOINER.test(between) || last.data.name === m.data.name) flush()
        }
        chain.push(m)
      }
      flush()
    }
  })
}

/** A name one character off a known one, 同音 or 形近, where a name stands: next to a 职务 or in a list with known names. */
function nameTypos(context: RuleContext, p: People, found: Found): void {
  const suggestion = (candidate: string): string | null => {
    if (p.byName.has(candidate) || ![...candidate].every((ch) => isHan(ch))) return null
    for (const name of p.byLength.get(candidate.length) ?? []) {
      let differing = -1
      for (let i = 0; i < name.length; i += 1) {
        if (name.charAt(i) === candidate.charAt(i)) continue
        if (differing !== -1) {
          differing = -2
          break
        }
        differing = i
      }
      if (differing < 0) continue
      const a = name.charAt(differing)
      const b = candidate.charAt(differing)
      if (soundsAlike(a, b) || looksAlike(a, b)) return name
    }
    return null
  }
  const edge = (ch: string) => ch === '' || !isHan(ch) || NAME_EDGE.has(ch)
  const lengths = [...p.byLength.keys()]
  context.input.segments.forEach((segment, index) => {
    const text = segment.text
    const reported = new Set<number>()
    const tryAt = (start: number, length: number, beforeOk: boolean, afterOk: boolean) => {
      if (start < 0 || start + length > text.length || reported.has(start)) return
      const candidate = text.slice(start, start + length)
      if (!beforeOk && !edge(text.charAt(start - 1))) return
      if (!afterOk && !edge(text.charAt(start + length))) return
      const name = suggestion(candidate)
      if (name === null) return
      reported.add(start)
      context.report('people.name-typo', index, start, start + length, { written: candidate, name })
    }
    for (const hit of found.titles[index] ?? []) {
      for (const length of lengths) {
        tryAt(hit.end, length, true, false)
        tryAt(hit.start - length, length, false, true)
      }
    }
    for (const hit of found.names[index] ?? []) {
      for (const length of lengths) {
        if (text.charAt(hit.end) === '、') tryAt(hit.end + 1, length, true, false)
        if (text.charAt(hit.start - 1) === '、') tryAt(hit.start - 1 - length, length, false, true)
      }
    }
  })
}

export const peopleRules: RuleGroup = {
  rulesFor: ({ options }) => {
    if (options.people.length === 0) return []
    const ids: ('people.wrong-title' | 'people.rank-order' | 'people.name-typo')[] = ['people.name-typo']
    if (options.people.some((person) => person.titles.length > 0)) ids.unshift('people.wrong-title')
    if (options.people.some((person) => person.rank !== null)) ids.push('people.rank-order')
    return ids
  },
  run(context) {
    const p = prepare(context.input.options.people)
    const found: Found = {
      names: context.input.segments.map((segment) => p.names?.search(segment.text) ?? []),
      titles: context.input.segments.map((segment) => p.titles.search(segment.text))
    }
    wrongTitles(context, p, found, calendarDateOf(context.input.options.publishAt))
    rankOrder(context, p, found)
    nameTypos(context, p, found)
  }
}
