import { beforeAll, describe, expect, it } from 'vitest'
import { createFold, type Fold } from '../../../src/main/services/library/fold'
import { indexedDraft } from '../../../src/main/services/library/indexedDraft'
import { createSearchCore, type SearchCore } from '../../../src/main/services/library/searchCore'
import { defaultLibraryView, type LibraryViewInput, LibraryViewSchema } from '../../../src/shared/library/query'
import type { Draft } from '../../../src/shared/model/draft'
import { draftWith } from './fixtures'
import { pinyinInitials } from '../../../src/shared/model/directory'
import { DEFAULT_CHAIN } from '../../../src/shared/model/chain'
import { libraryMe } from '../../../src/shared/library/statuses'

const me = (name: string) => libraryMe(name, DEFAULT_CHAIN, null)
import { articleBody as articleBodyText } from '../../../bench/lib/newsText'

let fold: Fold
beforeAll(() => {
  fold = createFold()
})

const file = { mtimeMs: 1, size: 1 }
function coreWith(drafts: Draft[]): SearchCore {
  const core = createSearchCore(fold)
  for (const draft of drafts) core.put(indexedDraft(draft, file))
  return core
}
const view = (input: LibraryViewInput) => LibraryViewSchema.parse(input)

describe('fold', () => {
  it('folds case, full-width letters and digits, and traditional characters, keeping every position', () => {
    const text = '學校ＡＩ課程２０２４年Word'
    const folded = fold(text)
    expect(folded).toBe('学校ai课程2024年word')
    expect(folded.length).toBe(text.length)
  })
})

describe('search', () => {
  const sports = draftWith({ id: 'sports-01', title: '秋季运动会开幕', body: '今天上午，我校第三十届秋季运动会在东操场隆重开幕，全体师生参加。', column: '校园动态' })
  const library = draftWith({ id: 'library-01', title: '图书馆读书月', body: '读书月活动吸引了众多同学，志愿者在图书馆门口发放书签。', column: '通知公告', metadata: { authors: ['欧阳明月'], sourceDepartment: '图书馆' } })
  const lab = draftWith({ id: 'lab-0001', title: '实验室开放日', body: '化学实验室向新生开放，AI课程同步展示。', metadata: { photographers: ['张晓明'], subtitle: '走进科研一线' } })

  it('finds any substring of two characters or more of the body, not a scattered pair', () => {
    const core = coreWith([sports, library, lab])
    expect(core.query(view({ text: '操场隆重' }), me('')).ids).toEqual(['sports-01'])
    expect(core.query(view({ text: '场隆' }), me('')).ids).toEqual(['sports-01'])
    // Both characters are in the body, but not next to each other.
    expect(core.query(view({ text: '操隆' }), me('')).ids).toEqual([])
  })

  it('matches a traditional or full-width query against simplified, half-width text', () => {
    const core = coreWith([sports, library, lab])
    expect(core.query(view({ text: '運動會' }), me('')).ids).toEqual(['sports-01'])
    expect(core.query(view({ text: '圖書館門口' }), me('')).ids).toEqual(['library-01'])
    expect(core.query(view({ text: 'ＡＩ课程' }), me('')).ids).toEqual(['lab-0001'])
  })

  it('finds a name that stands only in the metadata, also by its pinyin initials', () => {
    const core = coreWith([sports, library, lab])
    expect(core.query(view({ text: '张晓明' }), me('')).ids).toEqual(['lab-0001'])
    expect(core.query(view({ text: 'zxm' }), me('')).ids).toEqual(['lab-0001'])
    expect(core.query(view({ text: 'oy' }), me('')).ids).toEqual(['library-01'])
    expect(core.query(view({ text: '科研一线' }), me('')).ids).toEqual(['lab-0001'])
  })

  it('types on from the previous keystroke without losing drafts found only in their bodies', () => {
    const core = coreWith([sports, library, lab])
    const typed = ['操', '操场', '操场隆', '操场隆重'].map((text) => core.query(view({ text }), me('')).ids)
    expect(typed).toEqual([[], ['sports-01'], ['sports-01'], ['sports-01']])
    // Deleting back to a shorter text widens the search again.
    expect(core.query(view({ text: '图书' }), me('')).ids).toEqual(['library-01'])
    core.put(indexedDraft({ ...lab, body: articleBodyText('操场上的实验') }, file))
    expect(core.query(view({ text: '操场' }), me('')).ids.sort()).toEqual(['lab-0001', 'sports-01'])
  })

  it('requires every space-separated word', () => {
    const core = coreWith([sports, library, lab])
    expect(core.query(view({ text: '图书馆 书签' }), me('')).ids).toEqual(['library-01'])
    expect(core.query(view({ text: '图书馆 操场' }), me('')).ids).toEqual([])
  })

  it('marks the hits in the snippet, cut from the original (traditional query, simplified text shown)', () => {
    const core = coreWith([sports, library, lab])
    const result = core.query(view({ text: '隆重開幕' }), me(''))
    const body = result.hits[0]?.matches.find((match) => match.field === 'body')
    expect(body?.parts.filter((part) => part.hit).map((part) => part.text)).toEqual(['隆重开幕'])
    expect(body?.parts.map((part) => part.text).join('')).toContain('东操场隆重开幕，全体师生')
    const title = coreWith([sports]).query(view({ text: '开幕' }), me('')).hits[0]?.matches[0]
    expect(title).toEqual({ field: 'title', parts: [{ text: '秋季运动会', hit: false }, { text: '开幕', hit: true }] })
  })

  it('updates and removes drafts', () => {
    const core = coreWith([sports, library])
    core.put(indexedDraft({ ...sports, title: '冬季长跑', body: null }, file))
    expect(core.query(view({ text: '运动会' }), me('')).ids).toEqual([])
    expect(core.query(view({ text: '长跑' }), me('')).ids).toEqual(['sports-01'])
    core.remove('library-01')
    expect(core.query(view({ text: '图书馆' }), me('')).ids).toEqual([])
    expect(core.size).toBe(1)
  })
})

describe('filters and sort', () => {
  const a = draftWith({ id: 'draft-aaaa', title: '甲', column: '校园动态', status: 'awaiting:proofread', updatedAt: '2025-03-01T04:00:00.000Z', createdAt: '2025-01-01T04:00:00.000Z', metadata: { sourceDepartment: '教务处', proofreader: '李四' } })
  const b = draftWith({ id: 'draft-bbbb', title: '乙', column: '通知公告', status: 'awaiting:review', updatedAt: '2025-05-01T04:00:00.000Z', createdAt: '2025-02-01T04:00:00.000Z', metadata: { reviewer: '王五', publishAt: '2025-06-01T04:00:00.000Z' } })
  const c = draftWith({ id: 'draft-cccc', title: '丙', column: '校园动态', status: 'draft', updatedAt: '2025-04-01T04:00:00.000Z', createdAt: '2025-03-01T04:00:00.000Z', metadata: { editor: '李四' } })

  it('filters by status, 栏目, 供稿单位, person in any role and date range', () => {
    const core = coreWith([a, b, c])
    expect(core.query(view({ status: 'awaiting:review' }), me('')).ids).toEqual(['draft-bbbb'])
    expect(core.query(view({ column: '校园动态' }), me('')).ids).toEqual(['draft-cccc', 'draft-aaaa'])
    expect(core.query(view({ department: '教务处' }), me('')).ids).toEqual(['draft-aaaa'])
    expect(core.query(view({ person: '李四' }), me('')).ids).toEqual(['draft-cccc', 'draft-aaaa'])
    expect(core.query(view({ person: ' 王五 ' }), me('')).ids).toEqual(['draft-bbbb'])
    expect(core.query(view({ from: '2025-03-15', to: '2025-04-30' }), me('')).ids).toEqual(['draft-cccc'])
    const choices = core.query(defaultLibraryView(), me('')).choices
    expect(choices?.columns).toEqual(['通知公告', '校园动态'])
    expect(choices?.people).toEqual(['李四', '王五'])
  })

  it('picks a person by a whole name only, and by part of a name everyone whose name holds it', () => {
    const d = draftWith({ id: 'draft-dddd', title: '丁', updatedAt: '2025-06-01T04:00:00.000Z', metadata: { authors: ['李四海'] } })
    const core = coreWith([a, b, c, d])
    // 李四 is someone's whole name: 李四海 is another person.
    expect(core.query(view({ person: '李四' }), me('')).ids).toEqual(['draft-cccc', 'draft-aaaa'])
    expect(core.query(view({ person: '李四海' }), me('')).ids).toEqual(['draft-dddd'])
    // 李 and 四 are no one's whole name: everyone holding them.
    expect(core.query(view({ person: '李' }), me('')).ids).toEqual(['draft-dddd', 'draft-cccc', 'draft-aaaa'])
    expect(core.query(view({ person: '四' }), me('')).ids).toEqual(['draft-dddd', 'draft-cccc', 'draft-aaaa'])
    expect(core.query(view({ person: '赵' }), me('')).ids).toEqual([])
    // Once 李四 leaves the drafts, 李四 is part of 李四海's name.
    core.remove('draft-aaaa')
    core.remove('draft-cccc')
    expect(core.query(view({ person: '李四' }), me('')).ids).toEqual(['draft-dddd'])
  })

  it('answers the plain view (newest edit first, nothing filtered) with its values but no ids: the page lists it from main', () => {
    const core = coreWith([a, b, c])
    const plain = core.query(defaultLibraryView(), me(''))
    expect(plain).toMatchObject({ ready: true, ids: [], hits: [], noUserName: true })
    expect(plain.choices?.columns).toEqual(['通知公告', '校园动态'])
    // Any sort, direction or filter other than the plain one is answered with its ids.
    expect(core.query(view({ descending: false }), me('')).ids).toEqual(['draft-aaaa', 'draft-cccc', 'draft-bbbb'])
    expect(core.query(view({ sort: 'title' }), me('')).ids).toHaveLength(3)
    expect(core.query(view({ mine: true }), me('李四')).ids).toEqual(['draft-cccc', 'draft-aaaa'])
  })

  it('sends the filters’ values only to an asker who does not have them, and again once they change', () => {
    const core = coreWith([a, b])
    const first = core.query(view({ text: '甲' }), me(''))
    expect(first.choices?.people).toEqual(['李四', '王五'])
    // Every keystroke after that: the page says which values it has, and they stay behind.
    const next = core.query(view({ text: '乙' }), me(''), { knownChoices: first.choicesRevision })
    expect(next.ids).toEqual(['draft-bbbb'])
    expect(next.choices).toBeNull()
    expect(next.choicesRevision).toBe(first.choicesRevision)
    // A revision the page does not have (another index, a stale one) gets the values.
    expect(core.query(view({ text: '乙' }), me(''), { knownChoices: first.choicesRevision ^ 1 }).choices?.people).toEqual(['李四', '王五'])
    // A save that changes no value keeps the revision; a new name changes it.
    core.put(indexedDraft({ ...a, title: '甲改' }, file))
    expect(core.query(view({}), me(''), { knownChoices: first.choicesRevision }).choices).toBeNull()
    const d = draftWith({ id: 'draft-dddd', title: '丁', column: '媒体关注', metadata: { photographers: ['赵六'] } })
    core.put(indexedDraft(d, file))
    const changed = core.query(view({}), me(''), { knownChoices: first.choicesRevision })
    expect(changed.choicesRevision).not.toBe(first.choicesRevision)
    expect(changed.choices?.columns).toEqual(['媒体关注', '通知公告', '校园动态'])
    expect(changed.choices?.people).toEqual(['李四', '王五', '赵六'])
    // The same values give the same revision in another index (a worker started again, another window).
    expect(coreWith([a, b, d]).query(view({}), me('')).choicesRevision).toBe(changed.choicesRevision)
    expect(coreWith([d, b, a]).query(view({}), me('')).choicesRevision).toBe(changed.choicesRevision)
  })

  it('等我处理 lists the drafts whose next step the user may sign', () => {
    const core = coreWith([a, b, c])
    // 李四 is the named proofreader of a (待校对) and the editor of c (草稿: submit).
    expect(core.query(view({ mine: true }), me('李四')).ids).toEqual(['draft-cccc', 'draft-aaaa'])
    expect(core.query(view({ mine: true }), me('王五')).ids).toEqual(['draft-bbbb'])
    expect(core.query(view({ mine: true }), me('')).ids).toEqual([])
    expect(core.query(view({ mine: true }), me('')).noUserName).toBe(true)
  })

  it('sorts by created, publish time (unset last) and title, either way', () => {
    const core = coreWith([a, b, c])
    expect(core.query(view({ sort: 'created', descending: false }), me('')).ids).toEqual(['draft-aaaa', 'draft-bbbb', 'draft-cccc'])
    expect(core.query(view({ sort: 'publishAt' }), me('')).ids[0]).toBe('draft-bbbb')
    expect(core.query(view({ sort: 'title', descending: false }), me('')).ids).toEqual(['draft-cccc', 'draft-aaaa', 'draft-bbbb'])
  })
})

describe('exact substrings at scale', () => {
  it('finds exactly the drafts holding a folded substring, whatever the hashed columns let through', async () => {
    const { campusNews, personName } = await import('../../../bench/lib/campusNews')
    const { seededRandom } = await import('../../../bench/lib/random')
    const { Converter } = await import('opencc-js/cn2t')
    const toTraditional = Converter({ from: 'cn', to: 'tw' })
    const random = seededRandom(3)
    const drafts = Array.from({ length: 150 }, (_, n) =>
      draftWith({ id: `scale-${String(n).padStart(4, '0')}`, title: campusNews(12, n + 500), body: campusNews(3000, n), metadata: { authors: [personName(random)] } })
    )
    const core = coreWith(drafts)
    const haystacks = drafts.map((draft) => fold([draft.title, draft.metadata.authors.join('、'), articlePlainTextOf(draft)].join('\n')))
    let nonEmpty = 0
    for (let i = 0; i < 120; i++) {
      const source = haystacks[Math.floor(random() * haystacks.length)] ?? ''
      const length = 2 + Math.floor(random() * 5)
      const at = Math.floor(random() * (source.length - length))
      // Every third query is two characters glued from far apart: mostly found nowhere, a hashed column's false hits.
      let query = i % 3 === 2 ? source.charAt(at) + source.charAt((at * 7) % source.length) : source.slice(at, at + length)
      if (/\s/.test(query)) continue
      if (i % 4 === 1) query = toTraditional(query)
      const expected = drafts.filter((_, n) => haystacks[n]?.includes(fold(query))).map((draft) => draft.id).sort()
      if (expected.length > 0) nonEmpty += 1
      expect([query, core.query(view({ text: query }), me('')).ids.sort()]).toEqual([query, expected])
    }
    expect(nonEmpty).toBeGreaterThan(60)
    // A name of the metadata by its pinyin initials.
    const name = drafts[7]?.metadata.authors[0] ?? ''
    expect(core.query(view({ text: pinyinInitials(name) }), me('')).ids).toContain(drafts[7]?.id)
  })
})

function articlePlainTextOf(draft: Draft): string {
  return indexedDraft(draft, file).text.body
}
