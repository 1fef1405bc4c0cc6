import { join } from 'node:path'
import sharp from 'sharp'
import { AppError, fsErrorCode } from '../../../shared/errors'
import { collectAssetIds, sanitizeArticleBody, type AssetId } from '../../../shared/article/schema'
import type { DraftId } from '../../../shared/model/draft'
import type { OfficeDirectory } from '../../../shared/model/directory'
import type { AuditEntry, WorkflowState } from '../../../shared/model/workflow'
import { atomicWriteFile } from '../fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import type { DraftStore } from '../drafts/draftStore'
import type { Clock } from '../clock'
import { approvalFormHtml, type ApprovalFormLocale } from './approvalForm'
import type { ArticleOutputSettings } from '../../../shared/article/articleOf'

/** Turns an HTML document into PDF bytes: Electron's printToPDF in the app, Chromium's page.pdf in tests. */
export type PdfRenderer = { fromHtml(html: string): Promise<Uint8Array> }

/** Where the form's log comes from (the workflow service); the sign-offs are in the draft itself. */
export type WorkflowRecords = {
  audit(draftId: DraftId): Promise<readonly AuditEntry[]>
  /** The chain and each sign-off's verification on this desk, printed on the form. */
  state?(draftId: DraftId): Promise<Pick<WorkflowState, 'signOffs' | 'chain'>>
}

export type ApprovalServiceOptions = {
  drafts(): DraftStore
  pdf: PdfRenderer
  clock: Clock
  workflow?: WorkflowRecords
  directory?: () => Promise<OfficeDirectory>
  /** The credit-line settings, so the form prints the same credit line as preview and export. */
  output?: () => ArticleOutputSettings
  fs?: ServiceFs
  /** Writes the export into the draft's audit log; a failure there does not undo the file. */
  audit?: (draftId: DraftId, details: Record<string, unknown>) => Promise<void>
}

export type ApprovalService = {
  formHtml(draftId: DraftId, locale: ApprovalFormLocale): Promise<string>
  exportPdf(draftId: DraftId, target: string, locale: ApprovalFormLocale): Promise<{ path: string; bytes: number }>
}

/** Wide enough for a sharp print across an A4 text column (~170 mm at 180 dpi). */
const PRINT_WIDTH = 1200

/** A picture small enough to embed in the printout, or null when it cannot be decoded (its caption still prints). */
async function printablePicture(bytes: Buffer): Promise<string | null> {
  try {
    const jpeg = await sharp(bytes, { animated: false })
      .autoOrient()
      .resize({ width: PRINT_WIDTH, height: PRINT_WIDTH, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer()
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`
  } catch {
    return null
  }
}

export function createApprovalService(options: ApprovalServiceOptions): ApprovalService {
  const fs = options.fs ?? nodeServiceFs

  async function pictures(draftId: DraftId, assetIds: readonly AssetId[]): Promise<Map<AssetId, string>> {
    const folder = options.drafts().assetsFolder(draftId)
    const out = new Map<AssetId, string>()
    for (const assetId of assetIds) {
      const bytes = await fs.readFile(join(folder, assetId)).catch(() => null)
      if (!bytes) continue
      const src = await printablePicture(bytes)
      if (src) out.set(assetId, src)
    }
    return out
  }

  async function formHtml(draftId: DraftId, locale: ApprovalFormLocale): Promise<string> {
    const draft = await options.drafts().open(draftId)
    const [audit, directory, state] = await Promise.all([
      options.workflow?.audit(draftId).catch(() => []) ?? Promise.resolve([]),
      options.directory?.().catch(() => undefined) ?? Promise.resolve(undefined),
      options.workflow?.state?.(draftId).catch(() => null) ?? Promise.resolve(null)
    ])
    const sources = await pictures(draftId, collectAssetIds(sanitizeArticleBody(draft.body).body))
    return approvalFormHtml(
      {
        draft,
        // The state's sign-offs carry this desk's verification and key fingerprints; the draft's are bare records.
        signOffs: state?.signOffs ?? draft.signOffs,
        ...(state ? { chain: state.chain } : {}),
        audit,
        ...(directory ? { directory } : {}),
        resolveAsset: (assetId) => sources.get(assetId) ?? null,
        printedAt: options.clock.now(),
        ...(options.output ? { output: options.output() } : {})
      },
      locale
    )
  }

  return {
    formHtml,
    async exportPdf(draftId, target, locale) {
      const html = await formHtml(draftId, locale)
      let pdf: Uint8Array
      try {
        pdf = await options.pdf.fromHtml(html)
      } catch (error) {
        throw new AppError('internal', `the approval form could not be printed to PDF: ${(error as Error)?.message ?? String(error)}`, { cause: error })
      }
      try {
        await atomicWriteFile(fs, target, pdf)
      } catch (error) {
        throw new AppError(fsErrorCode(error), `cannot write ${target}: ${(error as Error).message}`, { cause: error })
      }
      await options.audit?.(draftId, { format: 'approval-pdf', file: target.split(/[\\/]/).pop() ?? target }).catch((error: unknown) => console.warn(`could not log the approval form export of ${draftId}`, error))
      return { path: target, bytes: pdf.length }
    }
  }
}
