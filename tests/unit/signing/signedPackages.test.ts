import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import type { HandlerContext } from '../../../src/main/ipc/dispatch'
import { createMemorySecretStore } from '../../../src/main/services/publish/secretStore'
import { createMemorySettingsStore } from '../../../src/main/services/settings/settingsService'
import type { Envelope } from '../../../src/shared/ipc/contract'
import type { KeysOverview } from '../../../src/shared/model/signing'
import type { WorkflowState } from '../../../src/shared/model/workflow'
import { makeTempDir } from '../../support/draftFixtures'
import { testCapabilities } from '../../support/testApp'
import { article, manualClock } from '../workflow/fixtures'
import type { ConfirmRequest } from '../../../src/main/services/settings/guardedSettings'

/**
 * Two desks of the office, each a whole app over its own folders: desk A writes and signs, desk B receives
 * the package. Everything goes through the dispatcher, as the page would call it; attacks are made on the
 * package file itself, as anyone holding the zip could.
 */
type Desk = {
  app: AppServices
  /** What the next open / save dialog answers. */
  next: { open: string[]; save: string | null }
  /** main's own confirmations: what was asked, and the scripted answers (yes when none is left). */
  confirms: { asked: ConfirmRequest[]; answers: boolean[] }
  call<T>(channel: string, payload: unknown): Promise<T>
  refusal(channel: string, payload: unknown): Promise<string | null>
}

const clock = manualClock()

function openDesk(dir: string, userName: string): Desk {
  const next: Desk['next'] = { open: [], save: null }
  const confirms: Desk['confirms'] = { asked: [], answers: [] }
  let app: AppServices | null = null
  const context: HandlerContext = {
    // The editor answers flush requests at once (nothing pending).
    emit: (channel, payload) => {
      if (channel === 'app:flushRequest') queueMicrotask(() => app?.flush.answer((payload as { requestId: string }).requestId, true))
    }
  }
  app = composeApp(
    testCapabilities(dir, {
      settingsStore: createMemorySettingsStore({ userName }),
      clock,
      // The fake of the system's safeStorage-backed secret store.
      secrets: createMemorySecretStore(),
      dialogs: { openFiles: async () => next.open, saveFile: async () => next.save },
      confirm: async (request) => {
        confirms.asked.push(request)
        return confirms.answers.shift() ?? true
      }
    })
  )
  const services = app
  return {
    app: services,
    next,
    confirms,
    async call<T>(channel: string, payload: unknown): Promise<T> {
      clock.minutes(1)
      const answer: Envelope = await services.dispatch(channel, payload, context)
      if (!answer.ok) throw new Error(`${channel} failed: ${answer.error.code} ${answer.error.message}`)
      return answer.value as T
    },
    async refusal(channel: string, payload: unknown) {
      const answer = await services.dispatch(channel, payload, context)
      return answer.ok ? null : answer.error.code
    }
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** The package with draft.json changed by `edit` and the manifest made consistent again, as a forger would. */
async function tamper(path: string, out: string, edit: (draft: Record<string, unknown>) => void): Promise<void> {
  const files = unzipSync(new Uint8Array(await readFile(path)))
  const draft = JSON.parse(strFromU8(files['draft.json'] ?? new Uint8Array())) as Record<string, unknown>
  edit(draft)
  files['draft.json'] = strToU8(JSON.stringify(draft))
  const manifest = JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())) as { files: { path: string; size: number; sha256: string }[] }
  manifest.files = manifest.files.map((f) => (f.path === 'draft.json' ? { path: f.path, size: files['draft.json']?.length ?? 0, sha256: sha256(files['draft.json'] ?? new Uint8Array()) } : f))
  files['manifest.json'] = strToU8(JSON.stringify(manifest))
  await writeFile(out, zipSync(files))
}

describe('signed sign-offs travel in a package and verify on another desk', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let a: Desk
  let b: Desk
  let signedPackage: string
  let draftId: string

  beforeAll(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-signing-'))
    a = openDesk(join(dir, 'desk-a'), '张编辑')
    b = openDesk(join(dir, 'desk-b'), '赵编辑')
    await a.call('signing:createKey', { name: '李校对', pin: '2468' })
    await a.call('signing:createKey', { name: '王审核', pin: '1357' })

    const created = await a.call<{ id: string; revision: number }>('drafts:create', {})
    draftId = created.id
    await a.call('drafts:save', { id: draftId, content: { title: '秋季运动会开幕', column: '校园动态', body: article('10月30日上午，运动会开幕。') } })
    await a.call('workflow:submit', { draftId, name: '张编辑' })
    // A key on this desk means its PIN: without it, or with a wrong one, nothing is signed.
    expect(await a.refusal('workflow:sign', { draftId, stepId: 'proofread', name: '李校对' })).toBe('pin-required')
    expect(await a.refusal('workflow:sign', { draftId, stepId: 'proofread', name: '李校对', pin: '1111' })).toBe('pin-wrong')
    const proofread = await a.call<{ signOff: { signature: unknown } }>('workflow:sign', { draftId, stepId: 'proofread', name: '李校对', pin: '2468', comment: '无误' })
    expect(proofread.signOff.signature).toMatchObject({ form: 2, algorithm: 'ed25519' })
    const reviewed = await a.call<{ state: WorkflowState }>('workflow:sign', { draftId, stepId: 'review', name: '王审核', pin: '1357' })
    expect(reviewed.state.status).toBe('approved')
    expect(reviewed.state.progress.map((p) => p.signOff?.verification)).toEqual(['verified', 'verified'])

    signedPackage = join(dir, 'signed.newsroom')
    a.next.save = signedPackage
    await a.call('packages:export', { draftId })
  }, 60_000)
  afterAll(async () => {
    await cleanup()
  })

  async function importInto(desk: Desk, path: string): Promise<WorkflowState> {
    desk.next.open = [path]
    const outcome = await desk.call<{ outcome: string; draftId?: string; token?: string }>('packages:import', {})
    let id = outcome.draftId
    if (outcome.outcome === 'conflict') id = (await desk.call<{ draftId: string }>('packages:import', { token: outcome.token, onConflict: 'replace' })).draftId
    return desk.call<WorkflowState>('workflow:get', { draftId: id })
  }

  it('the forged package of today (status approved, forged names and hashes) imports as 未验证 and the gate stays shut', async () => {
    const forged = join(dir, 'forged.newsroom')
    // A package in today's format: schema 1, fixed 校对/审核 records typed by whoever built the zip.
    await tamper(signedPackage, forged, (draft) => {
      const hash = (draft.signOffs as { contentHash: string }[])[0]?.contentHash
      draft.schemaVersion = 1
      draft.status = 'approved'
      draft.signOffs = [
        { id: 's1', action: 'submit', role: 'editor', name: '张编辑', at: '2026-11-02T08:00:00.000Z', from: 'draft', to: 'proofreading', revision: 2, contentHash: hash },
        { id: 's2', action: 'proofread', role: 'proofreader', name: '李校对', at: '2026-11-02T08:01:00.000Z', from: 'proofreading', to: 'review', revision: 3, contentHash: hash },
        { id: 's3', action: 'review', role: 'reviewer', name: '王审核', at: '2026-11-02T08:02:00.000Z', from: 'review', to: 'approved', revision: 4, contentHash: hash, importedAt: null }
      ]
    })
    const c = openDesk(join(dir, 'desk-c'), '钱编辑')
    const state = await importInto(c, forged)
    expect(state.status).toBe('awaiting:proofread')
    expect(state.signOffs.map((s) => s.verification)).toEqual(['unverified', 'unverified', 'unverified'])
    expect(state.progress.map((p) => p.counts)).toEqual([false, false])
    expect(state.allowedActions).not.toContain('publish')
    expect(await c.refusal('workflow:publish', { draftId, name: '钱编辑' })).toBe('approval-required')
    const form = await c.call<{ html: string }>('approval:formHtml', { draftId })
    expect(form.html).toContain('<td class="unverified">未验证</td>')
    expect(form.html).not.toContain('已验证')
    // Signed again here, the steps count.
    await c.call('workflow:sign', { draftId, stepId: 'proofread', name: '孙校对' })
    const signedHere = await c.call<{ state: WorkflowState }>('workflow:sign', { draftId, stepId: 'review', name: '周审核' })
    expect(signedHere.state.allowedActions).toContain('publish')
  })

  it('with keys only carried by the directory (not yet confirmed) the signatures are 未验证', async () => {
    a.next.save = join(dir, 'staff.csv')
    await a.call('directory:exportCsv', {})
    expect(await readFile(join(dir, 'staff.csv'), 'utf8')).toContain('公钥')
    b.next.open = [join(dir, 'staff.csv')]
    const preview = await b.call<{ token: string }>('directory:previewCsv', {})
    await b.call('directory:applyCsv', { token: preview.token })
    const overview = await b.call<KeysOverview>('signing:overview', {})
    expect(overview.people.map((p) => [p.name, p.state])).toEqual([
      ['李校对', 'new'],
      ['王审核', 'new']
    ])
    const state = await importInto(b, signedPackage)
    expect(state.progress.map((p) => p.signOff?.verification)).toEqual(['unverified', 'unverified'])
    expect(state.allowedActions).not.toContain('publish')
  })

  it('a package signed by keys confirmed here verifies (已验证) and opens the gate; the form prints state and fingerprint', async () => {
    const overview = await b.call<KeysOverview>('signing:overview', {})
    const deskA = await a.call<KeysOverview>('signing:overview', {})
    // The person compares the fingerprints the two desks show, then confirms.
    expect(overview.people.map((p) => p.fingerprint)).toEqual(deskA.deskKeys.map((k) => k.fingerprint))
    for (const person of overview.people) await b.call('signing:confirmKey', { name: person.name, publicKey: person.publicKey })
    const state = await importInto(b, signedPackage)
    expect(state.status).toBe('approved')
    expect(state.progress.map((p) => [p.step.name, p.signOff?.name, p.signOff?.verification, p.counts])).toEqual([
      ['校对', '李校对', 'verified', true],
      ['审核', '王审核', 'verified', true]
    ])
    expect(state.allowedActions).toContain('publish')
    const form = await b.call<{ html: string }>('approval:formHtml', { draftId })
    const fingerprint = deskA.deskKeys.find((k) => k.name === '李校对')?.fingerprint ?? 'missing'
    expect(form.html).toContain(`<td class="verified">已验证<span class="fingerprint">密钥指纹 ${fingerprint}</span></td>`)
  })

  it('one tampered byte of content fails: the sign-offs no longer hold, and re-hashing breaks the signature', async () => {
    const changedText = join(dir, 'tampered.newsroom')
    await tamper(signedPackage, changedText, (draft) => {
      const text = JSON.stringify(draft.body).replace('运动会开幕', '运动会闭幕')
      draft.body = JSON.parse(text)
    })
    const state = await importInto(b, changedText)
    expect(state.signOffs.filter((s) => s.action === 'sign').map((s) => s.valid)).toEqual([false, false])
    expect(state.allowedActions).not.toContain('publish')

    // The forger also rewrites the recorded hash to the new content: now the signature does not check.
    const rehashed = join(dir, 'rehashed.newsroom')
    const newHash = state.contentHash
    await tamper(changedText, rehashed, (draft) => {
      for (const signOff of draft.signOffs as { contentHash: string }[]) signOff.contentHash = newHash
    })
    const again = await importInto(b, rehashed)
    expect(again.signOffs.filter((s) => s.action === 'sign').map((s) => [s.valid, s.verification])).toEqual([
      [true, 'unverified'],
      [true, 'unverified']
    ])
    expect(again.status).toBe('awaiting:proofread')
    expect(again.allowedActions).not.toContain('publish')
  })

  it('a changed key for a known name is flagged and counts for nothing until confirmed', async () => {
    // Someone makes a new key under 李校对's name on another desk and slips it into the staff list.
    const m = openDesk(join(dir, 'desk-m'), '冒名者')
    const impostor = await m.call<{ publicKey: string }>('signing:createKey', { name: '李校对', pin: '0000' })
    await writeFile(join(dir, 'hostile.csv'), `姓名,角色,部门,公钥\n李校对,校对,宣传部,${impostor.publicKey}\n`)
    b.next.open = [join(dir, 'hostile.csv')]
    const preview = await b.call<{ token: string }>('directory:previewCsv', {})
    await b.call('directory:applyCsv', { token: preview.token })
    const overview = await b.call<KeysOverview>('signing:overview', {})
    const entry = overview.people.find((p) => p.name === '李校对')
    expect(entry?.state).toBe('changed')
    expect(entry?.trustedFingerprint).not.toBe(entry?.fingerprint)
    // The genuine signatures still verify against the key confirmed before.
    const state = await importInto(b, signedPackage)
    expect(state.progress[0]?.signOff?.verification).toBe('verified')
    // A page cannot trust the key by itself: main shows the fingerprint in its own dialog, and a No trusts nothing.
    b.confirms.answers.push(false)
    expect(await b.refusal('signing:confirmKey', { name: '李校对', publicKey: impostor.publicKey })).toBe('cancelled')
    expect(b.confirms.asked.at(-1)?.detail).toContain(entry?.fingerprint ?? 'no fingerprint')
    expect((await b.call<KeysOverview>('signing:overview', {})).people.find((p) => p.name === '李校对')?.state).toBe('changed')
    // Confirming the new key (after the loud warning) replaces the trust, and the old signatures stop counting.
    await b.call('signing:confirmKey', { name: '李校对', publicKey: impostor.publicKey })
    const after = await b.call<WorkflowState>('workflow:get', { draftId })
    expect(after.progress[0]?.signOff?.verification).toBe('unverified')
    // A key the directory does not show cannot be confirmed from the page.
    expect(await b.refusal('signing:confirmKey', { name: '王审核', publicKey: impostor.publicKey })).toBe('not-found')
  })
})
