import { describe, expect, it } from 'vitest'
import { contentHash } from '../../../src/main/services/workflow/contentHash'
import { afterEdit, chainProgress, gateOpen, invalidateChanged, planStep, supportedStatus, workflowState, type Policy } from '../../../src/main/services/workflow/rules'
import { DEFAULT_CHAIN, nextStepFor, presetChain, statusesOf, type Chain } from '../../../src/shared/model/chain'
import { emptyMetadata } from '../../../src/shared/model/metadata'
import type { Draft } from '../../../src/shared/model/draft'
import { canonicalJson, SignOffSchema, type SignOff, type Verification } from '../../../src/shared/model/workflow'
import { article } from './fixtures'

const base: Draft = {
  schemaVersion: 2,
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
      stepId: 'submit',
      stepName: '提交',
      name: '张编辑',
      at: '2026-11-02T09:00:00.000Z',
      from: 'draft',
      to: 'awaiting:proofread',
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

type Kind = 'submit' | 'return' | 'publish' | 'proofread' | 'review' | 'first-review' | 'second-review' | 'final-review' | 'unit-head'

/** A record of a step: a chain step id signs that step; submit/return/publish are themselves. */
function signOff(kind: Kind, n: number, hash: string, invalid = false, extra: Partial<SignOff> = {}): SignOff {
  const action = kind === 'submit' || kind === 'return' || kind === 'publish' ? kind : 'sign'
  return SignOffSchema.parse({
    id: `${kind}-${n}`,
    action,
    stepId: kind,
    stepName: kind,
    name: `某人${n}`,
    at: '2026-11-02T08:00:00.000Z',
    from: 'draft',
    to: 'draft',
    revision: n,
    contentHash: hash,
    ...(invalid ? { invalidatedAt: '2026-11-02T09:00:00.000Z', invalidatedRevision: n + 1 } : {}),
    ...extra
  })
}

const policyFor = (chain: Chain = DEFAULT_CHAIN, rest: Partial<Policy> = {}): Policy => ({
  chain,
  requireApproval: true,
  requireSignatures: false,
  verdict: (s: SignOff): Verification => (s.importedAt !== null ? 'unverified' : s.signature ? 'verified' : 'typed'),
  ...rest
})

describe('status replay over the office chain', () => {
  const h = 'a'.repeat(64)
  const other = 'b'.repeat(64)
  const std = policyFor()

  it('replays each status of today\'s chain from the sign-offs', () => {
    expect(supportedStatus([], std)).toBe('draft')
    expect(supportedStatus([signOff('submit', 1, h)], std)).toBe('awaiting:proofread')
    expect(supportedStatus([signOff('submit', 1, h), signOff('proofread', 2, h)], std)).toBe('awaiting:review')
    expect(supportedStatus([signOff('submit', 1, h), signOff('proofread', 2, h), signOff('review', 3, h)], std)).toBe('approved')
    expect(supportedStatus([signOff('submit', 1, h), signOff('proofread', 2, h), signOff('review', 3, h), signOff('publish', 4, h)], std)).toBe('published')
    expect(supportedStatus([signOff('submit', 1, h), signOff('return', 2, h)], std)).toBe('returned')
    // An invalid proofread supports nothing after it, even a valid review.
    expect(supportedStatus([signOff('submit', 1, h), signOff('proofread', 2, h, true), signOff('review', 3, h)], std)).toBe('awaiting:proofread')
    expect(supportedStatus([signOff('publish', 1, h, true)], std)).toBe('draft')
  })

  it('walks a three-step chain (初审 → 复审 → 终审) with statuses named by the chain', () => {
    const chain = presetChain('three-reviews')
    const policy = policyFor(chain)
    expect(statusesOf(chain)).toEqual(['draft', 'awaiting:first-review', 'awaiting:second-review', 'awaiting:final-review', 'approved', 'published', 'returned'])
    const round = [signOff('submit', 1, h), signOff('first-review', 2, h), signOff('second-review', 3, h)]
    expect(supportedStatus(round, policy)).toBe('awaiting:final-review')
    expect(nextStepFor({ status: 'awaiting:final-review' }, chain)?.name).toBe('终审')
    expect(supportedStatus([...round, signOff('final-review', 4, h)], policy)).toBe('approved')
    // A status naming a step the office removed waits for the chain's first step.
    expect(nextStepFor({ status: 'awaiting:proofread' }, chain)?.id).toBe('first-review')
  })

  it('an imported sign-off without a verified signature moves nothing and does not count for the gate', () => {
    const imported = { importedAt: '2026-11-03T00:00:00.000Z' }
    const forged = [signOff('submit', 1, h, false, imported), signOff('proofread', 2, h, false, imported), signOff('review', 3, h, false, imported)]
    expect(supportedStatus(forged, std)).toBe('awaiting:proofread')
    const progress = chainProgress(forged, h, std)
    expect(progress.map((p) => [p.step.id, p.signOff?.verification, p.counts])).toEqual([
      ['proofread', 'unverified', false],
      ['review', 'unverified', false]
    ])
    expect(gateOpen(progress)).toBe(false)
    const draft: Draft = { ...base, schemaVersion: 2, status: 'approved', signOffs: forged }
    expect(() => planStep(draft, contentHash(draft), { action: 'publish', name: '发布者', comment: '' }, std, null)).toThrow(
      expect.objectContaining({ code: 'approval-required' })
    )
    expect(workflowState(draft, contentHash(draft), std).allowedActions).not.toContain('publish')
  })

  it('with signatures required, typed names do not open the gate', () => {
    const round = [signOff('submit', 1, h), signOff('proofread', 2, h), signOff('review', 3, h)]
    expect(gateOpen(chainProgress(round, h, std))).toBe(true)
    expect(gateOpen(chainProgress(round, h, policyFor(DEFAULT_CHAIN, { requireSignatures: true })))).toBe(false)
  })

  it('the gate needs only the steps the chain marks as gating', () => {
    const chain = presetChain('unit-head-first')
    const round = [signOff('submit', 1, h), signOff('proofread', 2, h), signOff('review', 3, h)]
    expect(gateOpen(chainProgress(round, h, policyFor(chain)))).toBe(true)
    expect(gateOpen(chainProgress(round.slice(0, 2), h, policyFor(chain)))).toBe(false)
  })

  it('separation rules of a step refuse the article\'s author, and an earlier signer of the round', () => {
    const preset = presetChain('three-proofs-three-reviews')
    const chain: Chain = { ...preset, preset: 'custom', steps: preset.steps.map((step) => (step.id === 'proof-1' ? { ...step, roles: ['proofreader'] } : step)) }
    const policy = policyFor(chain)
    const draft: Draft = { ...base, schemaVersion: 2, status: 'awaiting:proof-1', signOffs: [signOff('submit', 1, h)] }
    const directory = { people: [{ id: 'p-1', name: '刘晓', roles: ['proofreader' as const], department: '', publicKey: null, titles: [], rank: null }, { id: 'p-2', name: '李校', roles: ['proofreader' as const], department: '', publicKey: null, titles: [], rank: null }] }
    const plan = (name: string, d: Draft = draft) => () => planStep(d, contentHash(d), { action: 'sign', name, comment: '' }, policy, { version: 2, departments: [], columns: [], ...directory })
    expect(plan('刘晓')).toThrow(expect.objectContaining({ code: 'separation-required' }))
    expect(plan('路人')).toThrow(expect.objectContaining({ code: 'signer-not-allowed' }))
    expect(plan('李校')()).toMatchObject({ stepId: 'proof-1', stepName: '一校', status: 'awaiting:proof-2' })

    const reviews = presetChain('three-reviews')
    const inReview: Draft = { ...base, schemaVersion: 2, status: 'awaiting:second-review', signOffs: [signOff('submit', 1, h), signOff('first-review', 2, h, false, { name: '王审' })] }
    const open = { version: 2 as const, departments: [], columns: [], people: [{ id: 'p-3', name: '王审', roles: ['reviewer' as const], department: '', publicKey: null, titles: [], rank: null }] }
    expect(() => planStep(inReview, h, { action: 'sign', name: '王审', comment: '' }, policyFor(reviews), open)).toThrow(expect.objectContaining({ code: 'separation-required' }))
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
    const ids = (list: SignOff[], hash: string) => chainProgress(list, hash, std).map((p) => (p.counts ? p.signOff?.id : null))
    expect(ids(round, h)).toEqual(['proofread-2', 'review-3'])
    expect(ids(round, other)).toEqual([null, null])
    expect(ids([...round, signOff('return', 4, h)], h)).toEqual([null, null])
    expect(ids([...round, signOff('submit', 4, h)], h)).toEqual([null, null])
  })

  it('an edit after approval drops to the first step', () => {
    const draft: Draft = { ...base, schemaVersion: 2, status: 'approved', signOffs: [signOff('submit', 1, h), signOff('proofread', 2, h), signOff('review', 3, h)] }
    const edited = afterEdit(draft, other, '2026-11-03T00:00:00.000Z', std)
    expect(edited.draft.status).toBe('awaiting:proofread')
    expect(edited.invalidated.map((s) => s.id)).toEqual(['proofread-2', 'review-3'])
  })
})
