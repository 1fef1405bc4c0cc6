import { collectAssetIds, sanitizeArticleBody, type AssetId } from '../../../shared/article/schema'
import { articleToHtml, articleToPlainText, escapeHtml } from '../../../shared/article/toHtml'
import { countWords } from '../../../shared/article/wordCount'
import { DEFAULT_TIME_ZONE } from '../../../shared/article/creditLine'
import { articleOf, type ArticleOutputSettings } from '../../../shared/article/articleOf'
import type { Draft } from '../../../shared/model/draft'
import { contentHash } from '../workflow/contentHash'
import type { OfficeDirectory } from '../../../shared/model/directory'
import { DEFAULT_CHAIN, stepById, type Chain } from '../../../shared/model/chain'
import { awaitedStep } from '../../../shared/model/draftStatus'
import { type AuditEntry, type SignOff, type Verification, type WorkflowAction } from '../../../shared/model/workflow'

/**
 * 稿件审批单: the paper record of an article's 三审三校, printed to PDF and filed by the office. A pure
 * function of the draft and its sign-offs: one complete HTML document, A4, no script, every value escaped.
 */

export type ApprovalFormLocale = 'zh-CN' | 'en'

/** A sign-off with what this desk made of it (src/main/services/workflow/rules.ts viewOf); a bare record reads as typed. */
export type FormSignOff = SignOff & { verification?: Verification; fingerprint?: string | null }

export type ApprovalFormInput = {
  draft: Draft
  signOffs: readonly FormSignOff[]
  /** The office's chain: the first page lists its steps and their signature lines. Today's chain when omitted. */
  chain?: Chain
  /** The draft's audit log; the form lists its last entries when given. */
  audit?: readonly AuditEntry[]
  /** Adds each named person's department beside their name. */
  directory?: OfficeDirectory
  /** A picture's address for the printout (a data: URL in practice), or null to show its caption alone. */
  resolveAsset: (assetId: AssetId) => string | null
  /** When the form was made; now when omitted. */
  printedAt?: Date
  timeZone?: string
  /** The office's credit-line template and script, as preview and export use them. */
  output?: ArticleOutputSettings
}

const AUDIT_ROWS = 30

const WORDS = {
  'zh-CN': {
    heading: '稿件审批单',
    fields: '稿件信息',
    title: '标题',
    subtitle: '副标题',
    column: '栏目',
    sourceDepartment: '供稿单位',
    editor: '编辑',
    authors: '供稿',
    photographers: '摄影',
    proofreader: '校对',
    reviewer: '审核',
    publishAt: '发布日期',
    words: '字数',
    photos: '图片数',
    status: '状态',
    draftId: '稿件编号',
    revision: '修订次数',
    contentHash: '内容指纹',
    printedAt: '打印时间',
    signOffs: '审签记录',
    noSignOffs: '尚无审签记录。',
    step: '环节',
    signer: '签署人',
    time: '时间',
    comment: '意见',
    hash: '内容指纹',
    validity: '有效性',
    valid: '有效',
    invalid: '已失效',
    withoutApproval: '未经审核发布',
    article: '稿件正文',
    audit: '处理记录',
    actor: '操作人',
    action: '操作',
    signatures: '签字',
    signatureLines: ['供稿人签字', '编辑签字'],
    stepSignature: (step: string) => `${step}签字`,
    chain: '审签环节',
    history: '审签记录（全部）',
    verification: '签名验证',
    verified: '已验证',
    unverified: '未验证',
    typed: '输入姓名',
    keyFingerprint: '密钥指纹',
    notSigned: '未签',
    date: '日期',
    colon: '：',
    gap: '　',
    none: '—',
    listSeparator: '、',
    notePrefix: '注：',
    waivers: '发布前检查放行',
    checksRan: (step: string, name: string, rules: number, errors: number, warnings: number) => `${step}（${name}）签署时运行 ${rules} 项检查：错误 ${errors}，警告 ${warnings}。`,
    noWaivers: '没有放行的检查项：签署时的检查没有未改正的错误。',
    waivedBy: '放行人',
    rule: '检查项',
    finding: '问题',
    reason: '理由',
    hashNote: '“内容指纹”是签署时稿件内容的 SHA-256 摘要前 12 位；与上方当前内容指纹一致的审签针对的就是本稿。“已失效”表示签署之后稿件内容又有修改。'
  },
  en: {
    heading: 'Article approval form',
    fields: 'Article',
    title: 'Title',
    subtitle: 'Subtitle',
    column: 'Column',
    sourceDepartment: 'Source department',
    editor: 'Editor',
    authors: 'Writers',
    photographers: 'Photographers',
    proofreader: 'Proofreader',
    reviewer: 'Reviewer',
    publishAt: 'Publication date',
    words: 'Words',
    photos: 'Pictures',
    status: 'Status',
    draftId: 'Draft id',
    revision: 'Revision',
    contentHash: 'Content fingerprint',
    printedAt: 'Printed',
    signOffs: 'Sign-offs',
    noSignOffs: 'No sign-offs yet.',
    step: 'Step',
    signer: 'Signed by',
    time: 'Time',
    comment: 'Comment',
    hash: 'Fingerprint',
    validity: 'Validity',
    valid: 'Valid',
    invalid: 'Invalid',
    withoutApproval: 'published without approval',
    article: 'Article text',
    audit: 'Log',
    actor: 'By',
    action: 'Action',
    signatures: 'Signatures',
    signatureLines: ['Writer', 'Editor'],
    stepSignature: (step: string) => step,
    chain: 'Approval steps',
    history: 'All sign-offs',
    verification: 'Signature',
    verified: 'Verified',
    unverified: 'Not verified',
    typed: 'Typed name',
    keyFingerprint: 'key',
    notSigned: 'Not signed',
    date: 'Date',
    colon: ': ',
    gap: '  ',
    none: '—',
    listSeparator: ', ',
    notePrefix: 'Note: ',
    waivers: 'Checks let through',
    checksRan: (step: string, name: string, rules: number, errors: number, warnings: number) => `${step} (${name}): ${rules} checks ran, ${errors} errors, ${warnings} warnings.`,
    noWaivers: 'No check was let through: no uncorrected error was open at any sign-off.',
    waivedBy: 'By',
    rule: 'Check',
    finding: 'Finding',
    reason: 'Reason',
    hashNote: 'The fingerprint is the first 12 hex digits of the SHA-256 of the content that was signed; a sign-off whose fingerprint equals the current one above was made on this text. Invalid: the content changed after the sign-off.'
  }
} as const

/** A status in the office's words: 待<step>, 已<last step> (已审核 with today's chain). */
function statusWord(status: Draft['status'], chain: Chain, locale: ApprovalFormLocale): string {
  const waiting = awaitedStep(status)
  if (waiting !== null) {
    const name = stepById(chain, waiting)?.name ?? waiting
    return locale === 'en' ? `Awaiting ${name}` : `待${name}`
  }
  const last = chain.steps.at(-1)?.name ?? ''
  const words: Record<string, [string, string]> = {
    draft: ['草稿', 'Draft'],
    approved: [`已${last}`, `Approved (${last})`],
    published: ['已发布', 'Published'],
    returned: ['退回', 'Returned']
  }
  const pair = words[status] ?? [status, status]
  return locale === 'en' ? pair[1] : pair[0]
}

const ACTION_WORDS: Record<ApprovalFormLocale, Record<Exclude<WorkflowAction, 'sign'>, string>> = {
  'zh-CN': { submit: '提交', return: '退回', publish: '发布' },
  en: { submit: 'Submitted', return: 'Returned', publish: 'Published' }
}

function stepWord(s: SignOff, locale: ApprovalFormLocale): string {
  if (s.action === 'sign') return s.stepName
  if (s.action === 'return') return `${ACTION_WORDS[locale].return}${locale === 'en' ? ` (${s.stepName})` : `（${s.stepName}）`}`
  return ACTION_WORDS[locale][s.action]
}

const AUDIT_WORDS: Record<ApprovalFormLocale, Partial<Record<string, string>>> = {
  'zh-CN': {
    create: '新建',
    save: '保存',
    submit: '提交',
    signoff: '签署',
    return: '退回',
    publish: '发布',
    invalidate: '审签失效',
    export: '导出',
    'package-export': '导出稿件包',
    import: '导入稿件包',
    'restore-version': '恢复历史版本',
    snapshot: '保存历史版本',
    duplicate: '创建副本',
    rename: '重命名',
    trash: '移到废纸篓',
    restore: '从废纸篓恢复'
  },
  en: {
    create: 'Created',
    save: 'Saved',
    submit: 'Submitted',
    signoff: 'Signed off',
    return: 'Returned',
    publish: 'Published',
    invalidate: 'Sign-off invalidated',
    export: 'Exported',
    'package-export': 'Exported as package',
    import: 'Imported from package',
    'restore-version': 'Restored a version',
    snapshot: 'Kept a version',
    duplicate: 'Duplicated',
    rename: 'Renamed',
    trash: 'Moved to trash',
    restore: 'Restored from trash'
  }
}

/** The fonts a Chinese printout needs, before the generic family: Noto CJK on Linux, SimSun on Windows. */
export const FORM_FONT_STACK = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", SimSun, "Songti SC", serif'

const PLACEHOLDER = 'https://approval-form.invalid/'
const SAFE_IMAGE_SRC = /^(?:data:image\/(?:jpeg|png|gif|webp|avif);base64,[A-Za-z0-9+/]+={0,2}|https?:\/\/[^\s"'<>]+|file:\/\/\/[^\s"'<>]+)$/

function formatTime(iso: string | null, locale: ApprovalFormLocale, timeZone: string): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  if (locale === 'en') return `${part('year')}-${part('month').padStart(2, '0')}-${part('day').padStart(2, '0')} ${part('hour')}:${part('minute')}`
  return `${part('year')}年${part('month')}月${part('day')}日 ${part('hour')}:${part('minute')}`
}

/** The fingerprint the sign-offs carry: the content and the credit settings the form is rendered with. */
export function contentHashOf(draft: Pick<Draft, 'title' | 'column' | 'body' | 'metadata'>, output?: ArticleOutputSettings): string {
  return contentHash(draft, output)
}

const shortHash = (hash: string) => hash.slice(0, 12)


const STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
* { box-sizing: border-box; }
html { font-family: ${FORM_FONT_STACK}; font-size: 10.5pt; line-height: 1.6; color: #000; background: #fff; }
body { margin: 0; }
h1.form-title { font-size: 20pt; text-align: center; letter-spacing: 0.3em; margin: 0 0 4mm; }
.form-meta { display: flex; justify-content: space-between; font-size: 9pt; margin: 0 0 3mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-left: 3pt solid #000; padding-left: 2mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #f0f0f0; font-weight: bold; }
table.fields th { width: 18%; }
table.signoffs tr, table.audit tr, table.waivers tr { break-inside: avoid; }
.first-page { break-after: page; }
.first-page h2 { margin-top: 4mm; }
.first-page table.fields td, .first-page table.fields th { padding: 1mm 2mm; }
.verified { font-weight: bold; }
.unverified { color: #a00; font-weight: bold; }
.fingerprint { display: block; font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 7.5pt; }
td.hash, code { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
.invalid { color: #a00; }
.note { font-size: 8.5pt; color: #333; }
.article { border: 0.75pt solid #000; padding: 4mm 5mm; }
.article h1 { font-size: 15pt; text-align: center; margin: 0 0 2mm; }
.article .subtitle { text-align: center; margin: 0 0 3mm; }
.article p { text-indent: 2em; margin: 0 0 2mm; }
.article h2, .article h3 { border: 0; padding: 0; }
.article figure { margin: 3mm 0; text-align: center; break-inside: avoid; }
.article figure figure { display: inline-block; width: 48%; margin: 1mm; vertical-align: top; }
.article img { max-width: 100%; max-height: 90mm; }
.article figcaption { font-size: 9pt; text-indent: 0; }
.article blockquote { margin: 2mm 6mm; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm 10mm; margin-top: 6mm; break-inside: avoid; }
.signature { display: flex; gap: 2mm; align-items: flex-end; }
.signature .line { flex: 1; border-bottom: 0.75pt solid #000; height: 8mm; }
`

/** The approval form as one printable HTML document. */
export function approvalFormHtml(input: ApprovalFormInput, locale: ApprovalFormLocale): string {
  const w = WORDS[locale]
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE
  const { draft } = input
  const chain = input.chain ?? DEFAULT_CHAIN
  const article = articleOf(draft, input.output)
  const metadata = article.metadata
  const body = sanitizeArticleBody(draft.body).body
  const words = countWords(articleToPlainText(article, { captions: false, creditLine: false }))
  const photos = collectAssetIds(body).length
  const departmentOf = new Map((input.directory?.people ?? []).filter((p) => p.department !== '').map((p) => [p.name, p.department]))
  const person = (name: string) => {
    const department = departmentOf.get(name)
    return escapeHtml(name) + (department ? `<span class="dept">${escapeHtml(locale === 'en' ? ` (${department})` : `（${department}）`)}</span>` : '')
  }
  const people = (names: readonly string[]) => (names.length === 0 ? w.none : names.map(person).join(escapeHtml(w.listSeparator)))
  const one = (name: string) => (name.trim() === '' ? w.none : person(name.trim()))
  const text = (value: string) => (value.trim() === '' ? w.none : escapeHtml(value))

  const fieldRows: [string, string][] = [
    [w.title, text(draft.title)],
    ...(metadata.subtitle.trim() === '' ? [] : [[w.subtitle, text(metadata.subtitle)] as [string, string]]),
    [w.column, text(draft.column)],
    [w.sourceDepartment, text(metadata.sourceDepartment)],
    [w.editor, one(metadata.editor)],
    [w.authors, people(metadata.authors)],
    [w.photographers, people(metadata.photographers)],
    [w.proofreader, one(metadata.proofreader)],
    [w.reviewer, one(metadata.reviewer)],
    [w.publishAt, text(formatTime(metadata.publishAt, locale, timeZone))],
    [w.words, String(words)],
    [w.photos, String(photos)],
    [w.status, escapeHtml(statusWord(draft.status, chain, locale))],
    [w.contentHash, `<code>${shortHash(contentHashOf(draft, input.output))}</code>`]
  ]
  const fields = fieldRows.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${value}</td></tr>`).join('\n')

  const verificationCell = (s: FormSignOff) => {
    const verdict = s.verification ?? (s.signature ? 'unverified' : s.importedAt === null ? 'typed' : 'unverified')
    const label = verdict === 'verified' ? w.verified : verdict === 'unverified' ? w.unverified : w.typed
    const fingerprint = s.signature && s.fingerprint ? `<span class="fingerprint">${escapeHtml(`${w.keyFingerprint} ${s.fingerprint}`)}</span>` : ''
    return `<td class="${verdict}">${escapeHtml(label)}${fingerprint}</td>`
  }
  const comment = (s: SignOff) => (s.comment.trim() === '' ? w.none : escapeHtml(s.comment).replace(/\n/g, '<br>'))
  const signOffRow = (s: FormSignOff) => {
    const valid = s.invalidatedAt === null
    const step = stepWord(s, locale) + (s.withoutApproval ? `（${w.withoutApproval}）` : '')
    return `<tr><td>${escapeHtml(step)}</td><td>${person(s.name)}</td><td>${escapeHtml(formatTime(s.at, locale, timeZone))}</td><td>${comment(s)}</td><td class="hash">${escapeHtml(
      shortHash(s.contentHash)
    )}</td><td${valid ? '' : ' class="invalid"'}>${escapeHtml(valid ? w.valid : w.invalid)}</td>${verificationCell(s)}</tr>`
  }
  const signOffHead = `<colgroup><col style="width:9%"><col style="width:13%"><col style="width:19%"><col><col style="width:13%"><col style="width:9%"><col style="width:17%"></colgroup>
<thead><tr><th>${escapeHtml(w.step)}</th><th>${escapeHtml(w.signer)}</th><th>${escapeHtml(w.time)}</th><th>${escapeHtml(w.comment)}</th><th>${escapeHtml(w.hash)}</th><th>${escapeHtml(
    w.validity
  )}</th><th>${escapeHtml(w.verification)}</th></tr></thead>`
  const signOffRows = input.signOffs.map(signOffRow).join('\n')
  const signOffs =
    input.signOffs.length === 0
      ? `<p>${escapeHtml(w.noSignOffs)}</p>`
      : `<table class="signoffs">${signOffHead}
<tbody>
${signOffRows}
</tbody></table>
<p class="note">${escapeHtml(w.notePrefix + w.hashNote)}</p>`

  // The first page: each step of the chain with its latest sign-off in the current round (or 未签).
  let roundStart = -1
  input.signOffs.forEach((s, i) => {
    if (s.action === 'submit' || s.action === 'return') roundStart = i
  })
  const round = roundStart >= 0 && input.signOffs[roundStart]?.action === 'submit' ? input.signOffs.slice(roundStart) : []
  const chainRows = chain.steps
    .map((step) => {
      const s = round.findLast((r) => r.action === 'sign' && r.stepId === step.id)
      if (!s) return `<tr><td>${escapeHtml(step.name)}</td><td colspan="6">${escapeHtml(w.notSigned)}</td></tr>`
      return signOffRow(s)
    })
    .join('\n')
  const publish = round.findLast((r) => r.action === 'publish')
  const chainTable = `<table class="signoffs chain">${signOffHead}
<tbody>
${chainRows}${publish ? `\n${signOffRow(publish)}` : ''}
</tbody></table>`

  // Every waiver of every sign-off, with the step it was signed at: the form says what each signer let through.
  const waiverRows = input.signOffs.flatMap((s) =>
    s.waivers.map(
      (waiver) =>
        `<tr><td>${escapeHtml(stepWord(s, locale))}</td><td>${person(waiver.by)}</td><td>${escapeHtml(formatTime(s.at, locale, timeZone))}</td><td><code>${escapeHtml(
          waiver.ruleId
        )}</code></td><td>${escapeHtml(waiver.finding)}</td><td>${escapeHtml(waiver.reason)}</td></tr>`
    )
  )
  // What main ran before each step was taken, so the form says what was checked, not only what was waived.
  const ran = input.signOffs
    .filter((s) => s.checks)
    .map((s) => `<li>${escapeHtml(w.checksRan(stepWord(s, locale), s.name, s.checks?.rulesRun.length ?? 0, s.checks?.errors ?? 0, s.checks?.warnings ?? 0))}</li>`)
  const checksRan = ran.length === 0 ? '' : `<ul class="checks-ran">\n${ran.join('\n')}\n</ul>\n`
  const waivers =
    checksRan +
    (waiverRows.length === 0
      ? `<p>${escapeHtml(w.noWaivers)}</p>`
      : `<table class="waivers"><colgroup><col style="width:9%"><col style="width:12%"><col style="width:16%"><col style="width:15%"><col><col style="width:22%"></colgroup>
<thead><tr><th>${escapeHtml(w.step)}</th><th>${escapeHtml(w.waivedBy)}</th><th>${escapeHtml(w.time)}</th><th>${escapeHtml(w.rule)}</th><th>${escapeHtml(w.finding)}</th><th>${escapeHtml(
          w.reason
        )}</th></tr></thead>
<tbody>
${waiverRows.join('\n')}
</tbody></table>`)

  const auditEntries = (input.audit ?? []).slice(-AUDIT_ROWS)
  const audit =
    auditEntries.length === 0
      ? ''
      : `<h2>${escapeHtml(w.audit)}</h2>
<table class="audit"><colgroup><col style="width:28%"><col style="width:22%"><col></colgroup>
<thead><tr><th>${escapeHtml(w.time)}</th><th>${escapeHtml(w.actor)}</th><th>${escapeHtml(w.action)}</th></tr></thead>
<tbody>
${auditEntries
  .map((e) => {
    const label = AUDIT_WORDS[locale][e.action] ?? e.action
    const count = e.count && e.count > 1 ? ` ×${e.count}` : ''
    return `<tr><td>${escapeHtml(formatTime(e.at, locale, timeZone))}</td><td>${e.actor === '' ? w.none : escapeHtml(e.actor)}</td><td>${escapeHtml(label + count)}</td></tr>`
  })
  .join('\n')}
</tbody></table>`

  // articleToHtml takes absolute http(s) addresses only; the real sources (data: URLs) are put in after.
  const sources = new Map<AssetId, string>()
  const bodyHtml = articleToHtml(
    article,
    (assetId) => {
      let src: string | null
      try {
        src = input.resolveAsset(assetId)
      } catch {
        src = null
      }
      if (src === null || !SAFE_IMAGE_SRC.test(src)) return null
      sources.set(assetId, src)
      return `${PLACEHOLDER}${assetId}`
    },
    { header: false, photoCredit: true, locale }
  ).replace(/<img src="https:\/\/approval-form\.invalid\/([^"]+)"/g, (match, assetId: string) => {
    const src = sources.get(assetId as AssetId)
    return src === undefined ? match : `<img src="${escapeHtml(src)}"`
  })

  const signature = (label: string) =>
    `<div class="signature"><span>${escapeHtml(label + w.colon)}</span><span class="line"></span><span>${escapeHtml(w.date + w.colon)}</span><span class="line"></span></div>`

  return `<!DOCTYPE html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: https: http: file:; style-src 'unsafe-inline'">
<title>${escapeHtml(w.heading)} — ${escapeHtml(draft.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1 class="form-title">${escapeHtml(w.heading)}</h1>
<div class="form-meta"><span>${escapeHtml(w.draftId + w.colon)}<code>${escapeHtml(draft.id)}</code>${w.gap}${escapeHtml(w.revision + w.colon)}${draft.revision}</span><span>${escapeHtml(w.printedAt + w.colon)}${escapeHtml(
    formatTime((input.printedAt ?? new Date()).toISOString(), locale, timeZone)
  )}</span></div>
<section class="first-page">
<h2>${escapeHtml(w.fields)}</h2>
<table class="fields">
${fields}
</table>
<h2>${escapeHtml(w.chain)}</h2>
${chainTable}
<h2>${escapeHtml(w.signatures)}</h2>
<div class="signatures">
${[...w.signatureLines, ...chain.steps.map((step) => w.stepSignature(step.name))].map(signature).join('\n')}
</div>
</section>
<h2>${escapeHtml(w.article)}</h2>
<div class="article">
${draft.title.trim() === '' ? '' : `<h1>${escapeHtml(draft.title)}</h1>`}
${metadata.subtitle.trim() === '' ? '' : `<p class="subtitle">${escapeHtml(metadata.subtitle)}</p>`}
${bodyHtml}
</div>
<h2>${escapeHtml(w.history)}</h2>
${signOffs}
<h2>${escapeHtml(w.waivers)}</h2>
${waivers}
${audit}
</body>
</html>
`
}
