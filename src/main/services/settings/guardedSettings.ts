import { isAbsolute, join } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { Settings, SettingsPatch, UiLanguage } from '../../../shared/settings'
import type { Clock } from '../clock'
import { isTempFile } from '../fs/atomicWrite'
import type { ServiceFs } from '../fs/serviceFs'
import { SEARCH_INDEX_FOLDER } from '../library/libraryIndex'
import { isInsideFolder } from '../fs/insideFolder'

/**
 * A question main asks in a native dialog of its own (Electron's dialog.showMessageBox), which a page cannot
 * click; worded in the UI language. Tests script the answer.
 */
export type ConfirmRequest = { title: string; message: string; detail: string; confirmLabel: string; cancelLabel: string }
export type DesktopConfirm = (request: ConfirmRequest) => Promise<boolean>

/**
 * Settings a compromised page must not change silently: each decides what opens the 先审后发 gate (the gate
 * itself, the chain's steps and which of them the gate needs, whether only signatures count), so each change
 * is confirmed by the person.
 */
export const CONFIRMED_SETTINGS = ['requireApproval', 'chain', 'requireSignatures'] as const satisfies readonly (keyof Settings)[]
/**
 * Settings whose changes go into the library's audit log. userName is logged but not confirmed: every sign-off
 * names its signer in the request anyway, so the default name grants nothing.
 */
export const AUDITED_SETTINGS = ['requireApproval', 'chain', 'requireSignatures', 'userName', 'dataDir'] as const satisfies readonly (keyof Settings)[]

/** The library's own log of security-relevant settings changes (drafts keep theirs in their folders). */
export const LIBRARY_AUDIT_FILE = 'settings-audit.jsonl'

const WORDS = {
  'zh-CN': {
    approvalOff: { title: '关闭先审后发', message: '确定关闭“先审后发”吗？', detail: '关闭后，未经校对和审核签发的稿件也能发布（发布会记为“未经审核”）。如果不是你刚刚在设置里关闭的，请选“取消”。', confirmLabel: '关闭先审后发' },
    approvalOn: { title: '开启先审后发', message: '确定开启“先审后发”吗？', detail: '开启后，稿件要经过校对和审核签发才能发布。', confirmLabel: '开启先审后发' },
    chain: (steps: string, gated: string) => ({ title: '更改审签流程', message: `确定把审签流程改为“${steps}”吗？`, detail: `发布前必须签的步骤：${gated || '无'}。如果不是你刚刚在设置里改的，请选“取消”。`, confirmLabel: '更改审签流程' }),
    key: (name: string, fingerprint: string) => ({ title: '信任签名密钥', message: `信任 ${name} 的签名密钥吗？`, detail: `指纹：${fingerprint}\n请与本人当面或电话核对指纹，一致后再信任。`, confirmLabel: '已核对，信任' }),
    signaturesOn: { title: '只认签名密钥签字', message: '确定只认用签名密钥签的字吗？', detail: '开启后，只输入姓名的签字不再计入先审后发。', confirmLabel: '开启' },
    signaturesOff: { title: '不再只认签名密钥签字', message: '确定让只输入姓名的签字也计入先审后发吗？', detail: '如果不是你刚刚在设置里关闭的，请选“取消”。', confirmLabel: '关闭' },
    useLibrary: (folder: string) => ({ title: '更改资料文件夹', message: `改用“${folder}”中的稿件库吗？`, detail: '这个文件夹里已有稿件库；现在的稿件库原样留在原处。', confirmLabel: '改用这个文件夹' }),
    copyLibrary: (folder: string, from: string) => ({ title: '更改资料文件夹', message: `把稿件库复制到“${folder}”并改用它吗？`, detail: `稿件、回收站、历史版本和发布记录从“${from}”复制过去；原文件夹原样保留，确认无误后可自行删除。`, confirmLabel: '复制并改用' }),
    cancelLabel: '取消'
  },
  en: {
    approvalOff: { title: 'Turn off review before publishing', message: 'Turn off “review before publishing”?', detail: 'Drafts could then be published without a proofread and review sign-off (logged as without approval). If you did not just turn it off in Settings, choose Cancel.', confirmLabel: 'Turn it off' },
    approvalOn: { title: 'Turn on review before publishing', message: 'Turn on “review before publishing”?', detail: 'Drafts will then need a proofread and review sign-off before they are published.', confirmLabel: 'Turn it on' },
    chain: (steps: string, gated: string) => ({ title: 'Change the approval chain', message: `Change the approval chain to “${steps}”?`, detail: `Steps that must be signed before publishing: ${gated || 'none'}. If you did not just change it in Settings, choose Cancel.`, confirmLabel: 'Change the chain' }),
    key: (name: string, fingerprint: string) => ({ title: 'Trust a signing key', message: `Trust ${name}'s signing key?`, detail: `Fingerprint: ${fingerprint}\nCompare it with ${name} in person or by phone before you trust it.`, confirmLabel: 'Checked, trust it' }),
    signaturesOn: { title: 'Count signed sign-offs only', message: 'Count only sign-offs made with a signing key?', detail: 'Typed-name sign-offs will then no longer open the gate.', confirmLabel: 'Turn it on' },
    signaturesOff: { title: 'Count typed names again', message: 'Let typed-name sign-offs count for the gate again?', detail: 'If you did not just turn it off in Settings, choose Cancel.', confirmLabel: 'Turn it off' },
    useLibrary: (folder: string) => ({ title: 'Change the data folder', message: `Use the library in “${folder}”?`, detail: 'That folder already holds a library; the current one stays where it is.', confirmLabel: 'Use this folder' }),
    copyLibrary: (folder: string, from: string) => ({ title: 'Change the data folder', message: `Copy the library to “${folder}” and use it there?`, detail: `Drafts, trash, history and publishing records are copied from “${from}”; the old folder stays as it is until you delete it.`, confirmLabel: 'Copy and use it' }),
    cancelLabel: 'Cancel'
  }
} as const

type ConfirmedSetting = (typeof CONFIRMED_SETTINGS)[number]
/** Settings are plain JSON: the chain is an object, compared by value. */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The question main asks before `key` takes the patch's value. */
export function settingConfirm(language: UiLanguage, key: ConfirmedSetting, patch: SettingsPatch): ConfirmRequest {
  const words = WORDS[language]
  const asked =
    key === 'requireApproval'
      ? patch.requireApproval
        ? words.approvalOn
        : words.approvalOff
      : key === 'requireSignatures'
        ? patch.requireSignatures
          ? words.signaturesOn
          : words.signaturesOff
        : words.chain(
            (patch.chain?.steps ?? []).map((step) => step.name).join(' → '),
            (patch.chain?.steps ?? []).filter((step) => step.gate).map((step) => step.name).join('、')
          )
  return { ...asked, cancelLabel: words.cancelLabel }
}

/** The question main asks before a directory key is trusted on this desk: the person compares the fingerprint. */
export function keyConfirm(language: UiLanguage, name: string, fingerprint: string): ConfirmRequest {
  const words = WORDS[language]
  return { ...words.key(name, fingerprint), cancelLabel: words.cancelLabel }
}

/** The confirmed settings this patch changes (an unchanged value asks nothing). */
export function confirmedChanges(current: Settings, patch: SettingsPatch): ConfirmedSetting[] {
  return CONFIRMED_SETTINGS.filter((key) => patch[key] !== undefined && !same(patch[key], current[key]))
}

export type AuditedChange = { setting: string; from: unknown; to: unknown }

export function auditedChanges(previous: Settings, next: Settings): AuditedChange[] {
  return AUDITED_SETTINGS.filter((key) => !same(previous[key], next[key])).map((setting) => ({ setting, from: previous[setting], to: next[setting] }))
}

/** Appends one line per change to the library's settings log; the log is append-only text a person can read. */
export async function appendSettingsAudit(fs: ServiceFs, dataDir: string, clock: Clock, actor: string, changes: readonly AuditedChange[], via: string): Promise<void> {
  if (changes.length === 0) return
  const at = clock.now().toISOString()
  const lines = changes.map((change) => `${JSON.stringify({ at, actor, action: 'settings', via, ...change })}\n`).join('')
  await fs.mkdir(dataDir, { recursive: true })
  const handle = await fs.open(join(dataDir, LIBRARY_AUDIT_FILE), 'a')
  try {
    await handle.writeFile(lines)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Files of a library's top level that say "this folder is a library". */
const LIBRARY_SIGNS = ['drafts', 'trash', 'publish-targets.json', 'directory.json']
/**
 * Left behind when a library is copied: the photo previews' cache and the search index are rebuilt when
 * missing, and the index may be writing its temp files while the copy runs.
 */
const NOT_COPIED = new Set(['.cache', SEARCH_INDEX_FOLDER])

/**
 * What choosing `chosen` as the data folder means: use the library already there, or copy the current one
 * into it (it must then be empty). A folder inside the current library, or one holding it, is refused: the
 * copy would copy into itself, and 清空回收站 would reach outside the library.
 */
export async function planDataFolder(fs: ServiceFs, current: string, chosen: string): Promise<'use' | 'copy'> {
  if (!isAbsolute(chosen) || chosen.includes('\0')) throw new AppError('invalid-request', 'the data folder must be a full path chosen in the folder dialog')
  if (isInsideFolder(current, chosen) || isInsideFolder(chosen, current)) {
    throw new AppError('invalid-request', `${chosen} is the current data folder, inside it or around it; choose a separate folder`)
  }
  const names = await fs.readdir(chosen).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'ENOENT') return [] as string[]
    throw error
  })
  if (names.some((name) => LIBRARY_SIGNS.includes(name))) return 'use'
  if (names.filter((name) => !name.startsWith('.')).length > 0) {
    throw new AppError('invalid-request', `${chosen} holds other files; choose an empty folder (or one that already holds a library)`)
  }
  return 'copy'
}

export function dataFolderConfirm(language: UiLanguage, chosen: string, current: string, plan: 'use' | 'copy'): ConfirmRequest {
  const words = WORDS[language]
  return { ...(plan === 'use' ? words.useLibrary(chosen) : words.copyLibrary(chosen, current)), cancelLabel: words.cancelLabel }
}

/**
 * Copies the library into the empty folder `to`, never overwriting a file; on failure what was copied is
 * removed again (the folder was empty), so the old library stays the only one.
 */
export async function copyLibrary(fs: ServiceFs, from: string, to: string): Promise<void> {
  await fs.mkdir(to, { recursive: true })
  const names = await fs.readdir(from).catch(() => [] as string[])
  const copied: string[] = []
  try {
    for (const name of names) {
      if (NOT_COPIED.has(name)) continue
      copied.push(name)
      // A temp file is half a write, and may be renamed away while the copy reads the folder.
      await fs.cp(join(from, name), join(to, name), {
        recursive: true,
        force: false,
        errorOnExist: true,
        verbatimSymlinks: true,
        filter: (source) => !isTempFile(source)
      })
    }
  } catch (error) {
    for (const name of copied) await fs.rm(join(to, name), { recursive: true, force: true }).catch(() => undefined)
    throw error
  }
}
