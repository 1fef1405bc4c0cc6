import { describe, expect, it } from 'vitest'
import { contentHash } from '../../../src/main/services/workflow/contentHash'
import { currentChain, invalidateChanged, supportedStatus } from '../../../src/main/services/workflow/rules'
import { emptyMetadata } from '../../../src/shared/model/metadata'
import type { Draft } from '../../../src/shared/model/draft'
import { canonicalJson, SignOffSchema, type SignOff, type WorkflowAction } from '../../../src/shared/model/workflow'
import { article } from './fixtures'

const base: Draft = {
  schemaVersion: 1,
  id: 'draft-0001',
  title: '图书馆开放时间调整',
  column: '通知公告',
  status: 'draft',
  body: article('自下周一起，图书馆延长开放时间。'),
  metadata: { ...emptyMetadata(), authors: ['刘晓'], sourceDepartment: '图书馆' },
  createdAt: '2026-11-02T08:00:00.000Z',
  updatedAt: '2026-11-02T08:00:00.000Z',
  revision: 3,
  signOffs: []
}

/** The same object with its keys written in reverse order, all the way down. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([k, v]) => [k, reversedKeys(v)]))
}

describe('the content hash', () => {
  const hash = contentHash(base)

  it('is SHA-256 hex and ignores what is not content: revision, times, status, sign-offs', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    const signOff = SignOffSchema.parse({
      id: 'x',
      action: 'submit',
      role: 'editor',
      name: '张编辑',
      at: '2026-11-02T09:00:00.000Z',
      from: 'draft',
      to: 'proofreading',
      revision: 4,
      contentHash: hash
    })
    expect(contentHash({ ...base, revision: 99, updatedAt: '2027-01-01T00:00:00.000Z', status: 'approved', signOffs: [signOff] } as Draft)).toBe(hash)
  })

  it('is stable across key order in the body and the metadata', () => {
    const shuffled = { ...base, body: reversedKeys(base.body) as Draft['body'], metadata: reversedKeys(base.metadata) as Draft['metadata'] }
    expect(JSON.stringify(shuffled.body)).not.toBe(JSON.stringify(base.body))
    expect(contentHash(shuffled)).toBe(hash)
  })

  it('normalises metadata (spaces, repeated names) and leaves out the signers’ own fields', () => {
    expect(contentHash({ ...base, metadata: { ...base.metadata, authors: [' 刘晓 ', '刘晓'], sourceDepartment: '图书馆 ' } })).toBe(hash)
    expect(contentHash({ ...base, metadata: { ...base.metadata, proofreader: '李校对', reviewer: '王主任' } })).toBe(hash)
  })

  it('changes with the title, the column, one character of the body, or a metadata field', () => {
    const variants = [
      { ...base, title: '图书馆开放时间调整！' },
      { ...base, column: '校园动态' },
      { ...base, body: article('自下周二起，图书馆延长开放时间。') },
      { ...base, metadata: { ...base.metadata, photographers: ['陈晨'] } },
      { ...base, metadata: { ...base.metadata, publishAt: '2026-11-03T08:00:00+08:00' } }
    ]
    const hashes = new Set(variants.map((variant) => contentHash(variant)))
    expect(hashes.size).toBe(variants.length)
    expect(hashes.has(hash)).toBe(false)
  })

  it('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: '中' } })).toBe('{"a":{"c":"中","d":[2,1]},"b":1}')
  })
})

function signOff(action: WorkflowAction, n: number, hash: string, invalid = false): SignOff {
  return SignOffSchema.parse({
    id: `${action}-${n}`,
    action,
    role: action === 'proofread' ? 'proofreader' : action === 'review' ? 'reviewer' : 'editor',
    name: '某人',
    at: '2026-11-02T08:00:00.000Z',
    from: 'draft',
    to: 'draft',
    revision: n,
    contentHash: hash,
    ...(invalid ? { invalidatedAt: '2026-11-02T09:00:00.000Z', invalidatedRevision: n + 1 } : {})
  })
}

describe('status replay and the chain', () => {
  const h = 'a'.repeat(64)
  const other = 'b'.repeat(64)

  it('replays each status from the sign-offs', () => {
    expect(supportedStatus([])).toBe('draft')
    expect(supportedStatus([signOff('submit', 1, h)])).toBe('proofreading')
    expect(supportedStatus([signOff('submit', 1, h), signOff('proofread', 2, h)])).toBe('review')
    expect(supportedStatus([signOff('submit', 1, h), signOff('proofread', 2, h), signOff('review', 3, h)])).toBe('approved')
    expect(supportedStatus([signOff('submit', 1, h), signOff('proofread', 2, h), signOff('review', 3, h), signOff('publish', 4, h)])).toBe('published')
    expect(supportedStatus([signOff('submit', 1, h), signOff('return', 2, h)])).toBe('returned')
    // An invalid proofread supports nothing after it, even a valid review.
    expect(supportedStatus([signOff('submit', 1, h), signOff('proofread', 2, h, true), signOff('review', 3, h)])).toBe('proofreading')
    expect(supportedStatus([signOff('publish', 1, h, true)])).toBe('draft')
  })

  it('invalidates only vouching sign-offs on other content, once', () => {
    const list = [signOff('submit', 1, other), signOff('proofread', 2, other), signOff('review', 3, h), signOff('proofread', 0, other, true)]
    const { signOffs, invalidated } = invalidateChanged(list, h, '2026-11-03T00:00:00.000Z', 7)
    expect(invalidated.map((s) => s.id)).toEqual(['proofread-2'])
    expect(signOffs[0]?.invalidatedAt).toBeNull()
    expect(signOffs[1]).toMatchObject({ invalidatedAt: '2026-11-03T00:00:00.000Z', invalidatedRevision: 7 })
    expect(signOffs[2]?.invalidatedAt).toBeNull()
    expect(signOffs[3]?.invalidatedRevision).toBe(1)
  })

  it('the chain is the current round only: a return or a new submit starts over', () => {
    const round = [signOff('submit', 1, h), signOff('proofread', 2, h), signOff('review', 3, h)]
    expect(currentChain(round, h)).toMatchObject({ proofread: { id: 'proofread-2' }, review: { id: 'review-3' } })
    expect(currentChain(round, other)).toEqual({ proofread: null, review: null })
    expect(currentChain([...round, signOff('return', 4, h)], h)).toEqual({ proofread: null, review: null })
    expect(currentChain([...round, signOff('submit', 4, h)], h)).toEqual({ proofread: null, review: null })
  })
})
