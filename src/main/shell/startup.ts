import type { UiLanguage } from '../../shared/settings'

/**
 * The UI language before settings could be read (or when they are what failed): the system's preferred
 * languages, Chinese unless the first one the app speaks is English.
 */
export function languageFromSystem(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const lower = tag.toLowerCase()
    if (lower.startsWith('zh')) return 'zh-CN'
    if (lower.startsWith('en')) return 'en'
  }
  return 'zh-CN'
}

/** What was being done when starting failed; each has its own advice. */
export type StartupStage = 'settings' | 'library' | 'window' | 'other'

/** Which stage an error belongs to, from where it was thrown and what it says. */
export function startupStageOf(stage: StartupStage, error: unknown): StartupStage {
  const code = (error as { code?: unknown } | null)?.code
  if (stage === 'other' && typeof code === 'string' && ['EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'ENOENT', 'EBUSY'].includes(code)) return 'library'
  return stage
}

const TEXT = {
  'zh-CN': {
    title: '校园新闻编辑器无法启动',
    settings: '读取设置时出错。',
    library: '无法读写稿件文件夹（可能是磁盘已满、没有权限，或网络文件夹暂时无法访问）。',
    window: '无法打开编辑窗口。',
    other: '启动时出现意外错误。',
    diskFull: '磁盘空间已满：请清理磁盘后再打开本程序。',
    noPermission: '没有读写权限：请检查该文件夹的权限，或在设置中换一个稿件文件夹。',
    retry: '请再试一次；如果仍然不行，请把下面的日志文件发给学校的信息中心或软件维护人员。',
    log: '日志文件：',
    detail: '错误详情：'
  },
  en: {
    title: 'Campus Newsroom could not start',
    settings: 'Reading the settings failed.',
    library: 'The drafts folder could not be read or written (the disk may be full, permissions missing, or a network folder unreachable).',
    window: 'The editor window could not be opened.',
    other: 'Something unexpected went wrong while starting.',
    diskFull: 'The disk is full: free some space, then open the app again.',
    noPermission: 'Permission denied: check the folder’s permissions, or choose another drafts folder in Settings.',
    retry: 'Please try again; if it still fails, send the log file below to your school’s IT support.',
    log: 'Log file: ',
    detail: 'Details: '
  }
} as const

/**
 * The native error box shown when starting fails: what failed, what to do, where the log is. The
 * error's own message is last and short, since it is in English from Node and says little to most people.
 */
export function startupFailureMessage(input: { language: UiLanguage; stage: StartupStage; error: unknown; logFile: string | null }): {
  title: string
  content: string
} {
  const t = TEXT[input.language]
  const code = (input.error as { code?: unknown } | null)?.code
  const advice = code === 'ENOSPC' ? t.diskFull : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? t.noPermission : t.retry
  const raw = input.error instanceof Error ? input.error.message : String(input.error)
  const detail = raw.length > 300 ? `${raw.slice(0, 300)}…` : raw
  const lines: string[] = [t[input.stage], advice]
  if (input.logFile) lines.push('', `${t.log}${input.logFile}`)
  lines.push('', `${t.detail}${detail}`)
  return { title: t.title, content: lines.join('\n') }
}
