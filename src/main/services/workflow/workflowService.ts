import { randomBytes } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { Draft, DraftContent, DraftId, DraftStatus, DraftSummary } from '../../../shared/model/draft'
import type { Settings } from '../../../shared/settings'
import {
  type ApprovalDiff,
  type AuditAction,
  type AuditEntry,
  type ContentDiff,
  type DiffSide,
  type HistoryVersion,
  type HistoryVersionSummary,
  type SignOff,
  type SignedContent,
  type Waiver,
  type WorkflowAction,
  type WorkflowState
} from '../../../shared/model/workflow'
import type { Clock } from '../clock'
import { summarize, withContent, type DraftStore, type SaveResult } from '../drafts/draftStore'
import type { ServiceFs } from '../fs/serviceFs'
import { createAuditLog, type AuditLog } from '../history/auditLog'
import { createHistoryStore, wordCountOf, type HistoryStore } from '../history/historyStore'
import { diffContents } from './contentDiff'
import { contentHash, signedContentOf } from './contentHash'
import type { WechatArticle } from '../../../shared/model/wechat'
import { afterEdit, invalidateChanged, isValid, planStep, statusOnArrival, workflowState, type Policy } from './rules'
import type { OfficeDirectory } from '../../../shared/model/directory'
import { keyFingerprint } from '../signing/signedForm'
import { DEFAULT_CHECK_SETTINGS } from '../../../shared/checks/settings'
import { assertChecksPass, photoAssetIds, runCheckGate, type CheckGateOutcome } from './checkGate'
import { verdictOf, type SigningService } from '../signing/signingService'

/**
 * The credit settings are here because a sign-off's hash covers them (see creditSettingsInHash); `checks` is the
 * 发布前检查 main runs before 提交 and every sign-off (the defaults when a caller leaves it out).
 */
export type WorkflowSettings = Pick<Settings, 'userName' | 'requireApproval' | 'historyIntervalMinutes' | 'creditTemplate' | 'creditScript' | 'chain' | 'requireSignatures'> &
  Partial<Pick<Settings, 'checks' | 'wechatTemplate'>>

export type WorkflowServiceOptions = {
  drafts: () => DraftStore
  settings: () => WorkflowSettings
  clock: Clock
  fs?: ServiceFs
  /** Saves of one person closer together than this share one audit entry (default 5 minutes). */
  saveCoalesceMs?: number
  intervalVersionsMax?: number
  /** Told about audit or history writes that failed after the draft itself was saved. */
  onBackgroundError?: (error: unknown) => void
  /** Signing keys and trusted keys; without it every sign-off is a typed name and imported ones are 未验证. */
  signing?: () => SigningService
  /** Who may sign which step (the chain's roles); without it only steps naming people can be restricted. */
  directory?: () => Promise<OfficeDirectory>
  /** Pixel size of a stored photo, for the photo-size check; without it that check has nothing to measure. */
  photoSize?: (id: DraftId, assetId: string) => Promise<{ width: number; height: number } | null>
}

export type WorkflowSaveResult = SaveResult & {
  status: DraftStatus
  /** The save invalidated sign-offs and the status dropped. */
  statusChanged: boolean
  invalidated: string[]
}

export type StepRequest = {
  action: WorkflowAction
  /** For sign: the step the person means to sign; refused when the draft waits for another. */
  stepId?: string
  name: string
  /** The PIN of the signer's key on this desk; required when they have one. */
  pin?: string
  /** 发布前检查 findings the signer lets through (recorded and signed with the sign-off). */
  waivers?: Waiver[]
  comment?: string
  /** The revision the signer was looking at; refused with workflow-conflict when the draft moved on. */
  revision?: number
}

export type StepResult = { draft: Draft; signOff: SignOff; state: WorkflowState }

export type RestoreResult = { draft: Draft; beforeVersionId: string; statusChanged: boolean }

export type AuditNote = { action: AuditAction; details?: Record<string, unknown>; actor?: string }

export type WorkflowService = {
  /** The save every edit goes through: sign-offs made on other content become invalid, the log and history follow. */
  save(id: DraftId, content: DraftContent): Promise<WorkflowSaveResult>
  rename(id: DraftId, title: string): Promise<{ summary: DraftSummary; statusChanged: boolean }>
  /** The 公众号 摘要 and cover crop (approved with the article: see wechatInHash). */
  setWechat(id: DraftId, wechat: WechatArticle): Promise<WorkflowSaveResult>
  state(id: DraftId): Promise<WorkflowState>
  step(id: DraftId, request: StepRequest): Promise<StepResult>
  changesSinceApproval(id: DraftId): Promise<ApprovalDiff | null>
  auditList(id: DraftId): Promise<AuditEntry[]>
  /** For export, publishing, packages: one line in the draft's audit log (actor defaults to settings.userName). */
  appendAudit(id: DraftId, note: AuditNote): Promise<void>
  historyList(id: DraftId): Promise<HistoryVersionSummary[]>
  historyGet(id: DraftId, versionId: string): Promise<HistoryVersion>
  historyDiff(id: DraftId, from: string, to: string): Promise<ContentDiff>
  restoreVersion(id: DraftId, versionId: string): Promise<RestoreResult>
  snapshot(id: DraftId): Promise<HistoryVersionSummary>
  recordCreated(id: DraftId): Promise<void>
  recordDuplicated(copyId: DraftId, sourceId: DraftId): Promise<void>
  recordTrashed(id: DraftId): Promise<void>
  recordRestored(id: DraftId): Promise<void>
  /** A draft that came in a package as this desk must hold it: every sign-off marked imported, the status replayed from what counts here. */
  adoptImported(draft: Draft): Promise<Draft>
  /** Writes coalesced save entries still held in memory; call before the app quits. */
  flush(): Promise<void>
}

const AUDIT_ACTION_OF: Record<WorkflowAction, AuditAction> = {
  submit: 'submit',
  sign: 'signoff',
  return: 'return',
  publish: 'publish'
}

export function createWorkflowService(options: WorkflowServiceOptions): WorkflowService {
  const { drafts, settings, clock } = options
  const audit: AuditLog = createAuditLog({ ...(options.fs ? { fs: options.fs } : {}), ...(options.saveCoalesceMs !== undefined ? { coalesceMs: options.saveCoalesceMs } : {}) })
  const history: HistoryStore = createHistoryStore({
    ...(options.fs ? { fs: options.fs } : {}),
    ...(options.intervalVersionsMax !== undefined ? { intervalVersionsMax: options.intervalVersionsMax } : {})
  })
  const nowIso = () => clock.now().toISOString()
  const folderOf = (id: DraftId) => drafts().draftFolder(id)
  const background = (error: unknown) => options.onBackgroundError?.(error)
  const newSignOffId = (action: WorkflowAction, at: string) => `${action}-${at.replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`

  /**
   * After an edit is on disk: the log line (an invalidation is its own entry, plain saves are coalesced)
   * and an interval version when the last one is old enough. Failures here never fail the save.
   */
  async function afterCommit(
    id: DraftId,
    next: Draft,
    change: { invalidated: SignOff[]; from: DraftStatus; actor: string; at: string; kind: 'save' | 'rename' }
  ): Promise<void> {
    const folder = folderOf(id)
    try {
      if (change.invalidated.length > 0 || next.status !== change.from) {
        await audit.append(folder, {
          at: change.at,
          actor: change.actor,
          action: 'invalidate',
          details: { revision: next.revision, from: change.from, to: next.status, signOffIds: change.invalidated.map((s) => s.id), by: change.kind }
        })
      } else if (change.kind === 'rename') {
        await audit.append(folder, { at: change.at, actor: change.actor, action: 'rename', details: { revision: next.revision, title: next.title } })
      } else {
        await audit.recordSave(folder, { actor: change.actor, at: change.at, revision: next.revision })
      }
    } catch (error) {
      background(error)
    }
    try {
      const last = await history.lastAt(folder)
      const intervalMs = settings().historyIntervalMinutes * 60_000
      if (last === null || Date.parse(change.at) - last >= intervalMs) {
        await history.snapshot(folder, { at: change.at, reason: 'interval', revision: next.revision, actor: change.actor, content: signedContentOf(next) })
        await history.thin(folder)
      }
    } catch (error) {
      background(error)
    }
  }

  async function edit(id: DraftId, kind: 'save' | 'rename', change: (current: Draft, at: string) => Draft) {
    const actor = settings().userName
    const rules = await policy()
    return drafts().transact(id, async (current, commit) => {
      const at = nowIso()
      const edited = change(current, at)
      const outcome = afterEdit(edited, contentHash(edited, settings()), at, rules)
      await commit(outcome.draft)
      await afterCommit(id, outcome.draft, { invalidated: outcome.invalidated, from: outcome.from, actor, at, kind })
      return { next: outcome.draft, outcome }
    })
  }

  async function contentOf(id: DraftId, side: string): Promise<{ content: SignedContent; side: DiffSide }> {
    if (side === 'current') {
      const draft = await drafts().open(id)
      return { content: signedContentOf(draft), side: { kind: 'current', versionId: null, at: draft.updatedAt, revision: draft.revision } }
    }
    const version = await history.get(folderOf(id), side)
    return { content: version.content, side: { kind: 'version', versionId: version.id, at: version.at, revision: version.revision } }
  }

  async function note(id: DraftId, entry: AuditNote): Promise<void> {
    await audit.append(folderOf(id), { at: nowIso(), actor: entry.actor ?? settings().userName, action: entry.action, details: entry.details ?? {} })
  }

  const quietly = (work: Promise<void>) => work.catch(background)

  async function policy(): Promise<Policy> {
    const { chain, requireApproval, requireSignatures } = settings()
    const snapshot = options.signing ? await options.signing().snapshot() : { verdict: (signOff: SignOff) => verdictOf(signOff, []) }
    return { chain, requireApproval, requireSignatures, verdict: snapshot.verdict }
  }

  return {
    async save(id, content) {
      const { next, outcome } = await edit(id, 'save', (current, at) => withContent(current, content, at))
      return {
        id,
        revision: next.revision,
        updatedAt: next.updatedAt,
        status: next.status,
        statusChanged: next.status !== outcome.from,
        invalidated: outcome.invalidated.map((s) => s.id)
      }
    },

    async setWechat(id, wechat) {
      // An edit like any other: a sign-off made before the 摘要 or the cover changed no longer counts.
      const { next, outcome } = await edit(id, 'save', (current, at) => ({ ...current, wechat, updatedAt: at, revision: current.revision + 1 }))
      return { id, revision: next.revision, updatedAt: next.updatedAt, status: next.status, statusChanged: next.status !== outcome.from, invalidated: outcome.invalidated.map((s) => s.id) }
    },

    async rename(id, title) {
      const { next, outcome } = await edit(id, 'rename', (current, at) =>
        withContent(current, { title, column: current.column, body: current.body }, at)
      )
      return { summary: summarize(next), statusChanged: next.status !== outcome.from }
    },

    async state(id) {
      const draft = await drafts().open(id)
      return workflowState(draft, contentHash(draft, settings()), await policy(), keyFingerprint)
    },

    async step(id, request) {
      const rules = await policy()
      const directory = options.directory ? await options.directory() : null
      const gated = request.action === 'submit' || request.action === 'sign'
      // Sizes are read before the draft is locked; a photo added meanwhile is measured at the next sign-off.
      const photoSizes = new Map<string, { width: number; height: number }>()
      if (gated && options.photoSize) {
        for (const assetId of photoAssetIds(await drafts().open(id))) {
          const size = await options.photoSize(id, assetId).catch(() => null)
          if (size) photoSizes.set(assetId, size)
        }
      }
      return drafts().transact(id, async (current, commit) => {
        const hash = contentHash(current, settings())
        const plan = planStep(
          current,
          hash,
          { action: request.action, stepId: request.stepId, name: request.name, comment: request.comment ?? '', expectedRevision: request.revision },
          rules,
          directory
        )
        // Main checks the draft it stores, never the page's word for it; the record says what ran and what was let through.
        let checked: CheckGateOutcome | null = null
        if (gated) {
          const now = settings()
          checked = runCheckGate({
            draft: current,
            directory,
            settings: { creditTemplate: now.creditTemplate, creditScript: now.creditScript, checks: now.checks ?? DEFAULT_CHECK_SETTINGS },
            photoSizes,
            waivers: request.waivers ?? [],
            signer: plan.name
          })
          assertChecksPass(checked, plan.stepName)
        }
        const at = nowIso()
        // The signer's name goes into the credit line's field; those two fields are outside the hash.
        const metadata = plan.creditField ? { ...current.metadata, [plan.creditField]: plan.name } : current.metadata
        const revision = current.revision + 1
        const signOffId = newSignOffId(request.action, at)
        const folder = folderOf(id)
        const unsigned: SignOff = {
          id: signOffId,
          action: request.action,
          stepId: plan.stepId,
          stepName: plan.stepName,
          name: plan.name,
          at,
          comment: plan.comment,
          from: current.status,
          to: plan.status,
          revision,
          contentHash: hash,
          withoutApproval: plan.withoutApproval,
          invalidatedAt: null,
          invalidatedRevision: null,
          versionId: null,
          waivers: checked?.waivers ?? [],
          checks: checked?.checks ?? null,
          signature: null,
          importedAt: null
        }
        // Signed before anything is written: a wrong PIN leaves no version, no log line, no record. Only
        // chain steps are signed: the publish record is written by the outbox after the site answered,
        // when nobody is there to type a PIN, and the gate needs the steps, not the publish.
        const signs = request.action === 'sign'
        const signature = signs && options.signing ? await options.signing().sign(unsigned, request.pin) : null
        if (signs && signature === null && rules.requireSignatures) {
          throw new AppError('signature-required', `${plan.stepName}: this computer requires signed sign-offs and ${plan.name} has no signing key here; make one in 设置 → 签名密钥`)
        }
        const version = await history.snapshot(folder, {
          at,
          reason: 'signoff',
          revision,
          actor: plan.name,
          signOffId,
          content: signedContentOf({ ...current, metadata })
        })
        const signOff: SignOff = { ...unsigned, signature, versionId: version.id }
        const next: Draft = { ...current, metadata, status: plan.status, signOffs: [...current.signOffs, signOff], revision, updatedAt: at }
        try {
          // The log line goes first and is taken back if the draft cannot be written: never a sign-off
          // in the log that the draft does not carry.
          await audit.appendWith(
            folder,
            {
              at,
              actor: plan.name,
              action: AUDIT_ACTION_OF[request.action],
              details: {
                signOffId,
                step: plan.stepId,
                stepName: plan.stepName,
                ...(signature ? { signed: keyFingerprint(signature.publicKey) } : {}),
                from: current.status,
                to: plan.status,
                revision,
                ...(plan.comment ? { comment: plan.comment } : {}),
                ...(plan.withoutApproval ? { withoutApproval: true } : {}),
                ...(checked
                  ? {
                      checks: { rules: checked.checks.rulesRun.length, errors: checked.checks.errors, warnings: checked.checks.warnings },
                      waivers: checked.waivers.map((w) => ({ ruleId: w.ruleId, finding: w.finding, reason: w.reason }))
                    }
                  : {})
              }
            },
            () => commit(next)
          )
        } catch (error) {
          await history.discard(folder, version.id)
          throw error
        }
        return { draft: next, signOff, state: workflowState(next, hash, rules, keyFingerprint) }
      })
    },

    async changesSinceApproval(id) {
      const draft = await drafts().open(id)
      const approval = draft.signOffs.findLast((s) => s.action === 'sign')
      if (!approval) return null
      let diff: ContentDiff | null = null
      if (approval.versionId) {
        const version = await history.get(folderOf(id), approval.versionId).catch((error: unknown) => {
          if (error instanceof AppError && (error.code === 'not-found' || error.code === 'corrupt-file')) return null
          throw error
        })
        if (version) {
          diff = diffContents(
            version.content,
            signedContentOf(draft),
            { kind: 'version', versionId: version.id, at: approval.at, revision: approval.revision },
            { kind: 'current', versionId: null, at: draft.updatedAt, revision: draft.revision }
          )
        }
      }
      return { signOff: approval, valid: isValid(approval) && approval.contentHash === contentHash(draft, settings()), diff }
    },

    async auditList(id) {
      await drafts().open(id)
      return (await audit.list(folderOf(id))).entries
    },

    appendAudit: note,

    async historyList(id) {
      await drafts().open(id)
      return (await history.list(folderOf(id))).reverse()
    },

    async historyGet(id, versionId) {
      await drafts().open(id)
      return history.get(folderOf(id), versionId)
    },

    async historyDiff(id, from, to) {
      const [a, b] = await Promise.all([contentOf(id, from), contentOf(id, to)])
      return diffContents(a.content, b.content, a.side, b.side)
    },

    async restoreVersion(id, versionId) {
      const actor = settings().userName
      const rules = await policy()
      return drafts().transact(id, async (current, commit) => {
        const folder = folderOf(id)
        const version = await history.get(folder, versionId)
        const at = nowIso()
        const before = await history.snapshot(folder, { at, reason: 'before-restore', revision: current.revision, actor, content: signedContentOf(current) })
        const restored = withContent(current, version.content, at)
        const outcome = afterEdit(restored, contentHash(restored, settings()), at, rules)
        try {
          await commit(outcome.draft)
        } catch (error) {
          await history.discard(folder, before.id)
          throw error
        }
        await audit
          .append(folder, {
            at,
            actor,
            action: 'restore-version',
            details: {
              versionId,
              beforeVersionId: before.id,
              revision: outcome.draft.revision,
              from: outcome.from,
              to: outcome.draft.status,
              signOffIds: outcome.invalidated.map((s) => s.id)
            }
          })
          .catch(background)
        return { draft: outcome.draft, beforeVersionId: before.id, statusChanged: outcome.draft.status !== outcome.from }
      })
    },

    snapshot(id) {
      const actor = settings().userName
      return drafts().transact(id, async (current) => {
        const folder = folderOf(id)
        const version = await history.snapshot(folder, { at: nowIso(), reason: 'manual', revision: current.revision, actor, content: signedContentOf(current) })
        await audit.append(folder, { at: version.at, actor, action: 'snapshot', details: { versionId: version.id, revision: current.revision } }).catch(background)
        return {
          id: version.id,
          at: version.at,
          reason: version.reason,
          revision: version.revision,
          actor: version.actor,
          signOffId: version.signOffId,
          title: version.content.title,
          wordCount: wordCountOf(version.content)
        }
      })
    },

    recordCreated: (id) => quietly(note(id, { action: 'create' })),
    recordDuplicated: async (copyId, sourceId) => {
      await quietly(note(copyId, { action: 'duplicate', details: { from: sourceId } }))
      await quietly(note(sourceId, { action: 'duplicate', details: { to: copyId } }))
    },
    recordTrashed: (id) => quietly(note(id, { action: 'trash' })),
    recordRestored: (id) => quietly(note(id, { action: 'restore' })),

    async adoptImported(draft) {
      const at = nowIso()
      // Whatever the package says about a record's origin or validity is replaced by what this desk sees:
      // imported, and void when made on other content than the package carries.
      const stamped = draft.signOffs.map((signOff) => ({ ...signOff, importedAt: at }))
      const { signOffs } = invalidateChanged(stamped, contentHash(draft, settings()), at, draft.revision)
      const arrived = { ...draft, signOffs }
      return { ...arrived, status: statusOnArrival(arrived, await policy()) }
    },

    flush: () => audit.flush()
  }
}
