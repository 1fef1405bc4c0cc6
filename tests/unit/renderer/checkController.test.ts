import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CheckInput, CheckOptions, CheckResult, Finding } from '../../../src/shared/checks/types'
import { createCheckRunner } from '../../../src/renderer/src/checks/checkClient'
import { createCheckService, type CheckRequest, type CheckResponse } from '../../../src/renderer/src/checks/checkMessages'
import { CheckController, unwaivedErrors, waiversOf } from '../../../src/renderer/src/checks/checkController'
import { RequestDecoder, RequestEncoder } from '../../../src/renderer/src/checks/checkMessages'
import { panelViewOf, rowFinding, rowKeyOf } from '../../../src/renderer/src/checks/panelView'

/** A worker stand-in that runs a trivial rule (half-width comma in Chinese text) when the test says so. */
function fakePort(rule: (input: CheckInput) => CheckResult = commaRule) {
  const service = createCheckService(rule)
  const pending: CheckRequest[] = []
  const port = {
    onmessage: null as ((event: MessageEvent<CheckResponse>) => void) | null,
    postMessage: (request: CheckRequest) => pending.push(request),
    terminate: () => undefined
  }
  const answer = () => {
    const request = pending.shift()
    if (!request) throw new Error('nothing to answer')
    port.onmessage?.({ data: service(request) } as unknown as MessageEvent<CheckResponse>)
  }
  return { port, pending, answer }
}

function commaRule(input: CheckInput): CheckResult {
  const findings: Finding[] = []
  input.segments.forEach((segment, index) => {
    for (const match of segment.text.matchAll(/(?<=\p{Script=Han}),/gu)) {
      const start = match.index
      findings.push({ ruleId: 'punct.halfwidth-comma', severity: 'error', messageKey: 'punct.halfwidthComma', segment: index, start, end: start + 1, excerpt: ',', fix: { replacement: '，' } })
    }
  })
  return { findings, rulesRun: ['punct.halfwidth-comma'] }
}

const options: CheckOptions = { people: [], words: [], ownDomains: [], titleMax: null, summaryRequired: false, minPhotoWidth: null, variants: {}, publishAt: null }
const input = (title: string): CheckInput => ({ segments: [{ field: 'title', key: 'title', text: title }], photos: [], links: [], options })

function memoryStorage() {
  const data = new Map<string, string>()
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), data }
}

describe('the check runner', () => {
  it('answers only the newest text: requests overtaken while one runs settle as stale and are never sent', async () => {
    const fake = fakePort()
    const runner = createCheckRunner(() => fake.port)
    const first = runner.check(input('甲,乙'))
    const second = runner.check(input('丙,丁'))
    const third = runner.check(input('戊,己'))
    await expect(second).resolves.toBeNull()
    expect(fake.pending).toHaveLength(1)
    fake.answer()
    // The first answer came back while a newer text waited: it is dropped and the newest is checked.
    await expect(first).resolves.toBeNull()
    expect(fake.pending).toHaveLength(1)
    expect(fake.pending[0]!.segments[0]).toMatchObject({ text: '戊,己' })
    fake.answer()
    await expect(third).resolves.toMatchObject({ findings: [{ start: 1 }] })
  })
})

describe('the check controller', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())
  const fields = (title: string) => ({ title, subtitle: '', summary: '', creditLine: '', photographers: [] })

  it('waits for typing to pause, then checks once', async () => {
    const fake = fakePort()
    const controller = new CheckController(createCheckRunner(() => fake.port), 'draft-1', null, 300)
    controller.setOptions(options)
    for (const title of ['学', '学校', '学校,召开']) {
      controller.setFields(fields(title))
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(fake.pending).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(300)
    expect(fake.pending).toHaveLength(1)
    fake.answer()
    await vi.runAllTimersAsync()
    const snapshot = controller.getSnapshot()
    expect(snapshot.status).toBe('ready')
    expect(snapshot.segments[0]!.text).toBe('学校,召开')
    expect(unwaivedErrors(snapshot)).toHaveLength(1)
  })

  it('an error ignored with a reason becomes a waiver in the signer’s name, and is remembered for the draft', async () => {
    const fake = fakePort()
    const storage = memoryStorage()
    const controller = new CheckController(createCheckRunner(() => fake.port), 'draft-2', storage, 0)
    controller.setOptions(options)
    controller.setFields(fields('学校,召开'))
    const done = controller.run()
    fake.answer()
    const snapshot = await done
    const finding = snapshot.result!.findings[0]!
    controller.ignore(finding, '  引用原文  ')
    const after = controller.getSnapshot()
    expect(unwaivedErrors(after)).toHaveLength(0)
    expect(waiversOf(after, '王审核', (f) => `“${f.excerpt}”`)).toEqual([{ ruleId: 'punct.halfwidth-comma', finding: '“,”', reason: '引用原文', by: '王审核', key: 'punct.halfwidth-comma|title|,' }])

    // A reopened draft has a worker of its own.
    const second = fakePort()
    const reopened = new CheckController(createCheckRunner(() => second.port), 'draft-2', storage, 0)
    reopened.setOptions(options)
    reopened.setFields(fields('学校,召开'))
    const again = reopened.run()
    second.answer()
    expect(unwaivedErrors(await again)).toHaveLength(0)
    expect([...storage.data.keys()]).toEqual(['newsroom.checks.ignored.draft-2'])

    reopened.unignore(finding)
    expect(unwaivedErrors(reopened.getSnapshot())).toHaveLength(1)
    expect(storage.data.size).toBe(0)
    controller.dispose()
    reopened.dispose()
  })
})

describe('what a pause in typing costs the page', () => {
  const fields = (title: string, summary = '') => ({ title, subtitle: '', summary, creditLine: '', photographers: [] })
  /** A controller whose worker answers at once; `checked` sets the title (and 摘要) and checks them. */
  const started = (draftId: string) => {
    const fake = fakePort()
    const controller = new CheckController(createCheckRunner(() => fake.port), draftId, null, 0)
    controller.setOptions(options)
    const checked = async (title: string, summary = '') => {
      controller.setFields(fields(title, summary))
      const done = controller.run()
      fake.answer()
      return done
    }
    return { controller, checked }
  }

  it('sends the worker only the paragraphs it has not seen, and the options only when they change', () => {
    const paragraphs = Array.from({ length: 50 }, (_, i) => ({ field: 'body' as const, key: `p${i}`, text: `第${i}段,内容。` }))
    const encoder = new RequestEncoder()
    const decoder = new RequestDecoder()
    const first = encoder.encode(1, { segments: paragraphs, photos: [], links: [], options })
    expect(first.segments.filter((s) => typeof s === 'object')).toHaveLength(50)
    expect(decoder.decode(first).segments).toEqual(paragraphs)
    const edited = paragraphs.map((p, i) => (i === 7 ? { ...p, text: `${p.text}了` } : p))
    const second = encoder.encode(2, { segments: edited, photos: [], links: [], options })
    // One paragraph's text travels; the rest are named by where they were last time, and the options are not resent.
    expect(second.segments.filter((s) => typeof s === 'object')).toEqual([edited[7]])
    expect(second.options).toBeNull()
    expect(decoder.decode(second)).toEqual({ segments: edited, photos: [], links: [], options })
  })

  it('an answer that finds the same again is the same result, and the 检查 panel keeps its view (no render)', async () => {
    const { controller, checked } = started('draft-3')
    const first = await checked('学校,召开会议')
    const view = panelViewOf(controller)
    expect(view.entries.map((e) => e.finding.excerpt)).toEqual([','])
    // Typing after the comma: the snapshot is new (new segments), the findings are the very same objects.
    const second = await checked('学校,召开会议了')
    expect(second).not.toBe(first)
    expect(second.result).toBe(first.result)
    expect(panelViewOf(controller)).toBe(view)
    controller.dispose()
  })

  it('a finding that only moved keeps its row, and the row acts where the finding is now', async () => {
    const { controller, checked } = started('draft-4')
    await checked('学校,召开')
    const view = panelViewOf(controller)
    const rowKey = rowKeyOf(view.entries[0]!, 0)
    // Typing before the comma moves it: a new finding object, but the row shows the same.
    const moved = await checked('新学校,召开')
    expect(moved.result!.findings[0]!.start).toBe(3)
    expect(panelViewOf(controller)).toBe(view)
    expect(rowFinding(controller.getSnapshot(), rowKey)?.start).toBe(3)
    controller.dispose()
  })

  it('a new finding or an ignore changes the view, and rows that show the same stay the same objects', async () => {
    const { controller, checked } = started('draft-5')
    await checked('学校,召开')
    const view = panelViewOf(controller)
    await checked('学校,召开', '会议,部署')
    const grown = panelViewOf(controller)
    expect(grown).not.toBe(view)
    expect(grown.entries.map((e) => e.field)).toEqual(['title', 'summary'])
    expect(grown.entries[0]).toBe(view.entries[0])
    controller.ignore(grown.entries[1]!.finding, '原文如此')
    const ignored = panelViewOf(controller)
    expect(ignored).not.toBe(grown)
    expect(ignored.entries[0]).toBe(grown.entries[0])
    expect(ignored.entries[1]!.ignored).toEqual({ reason: '原文如此' })
    controller.dispose()
  })
})
