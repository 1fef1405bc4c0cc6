import type { UiLanguage } from '../../shared/settings'

export type SettingsFileFs = {
  exists(path: string): boolean
  rename(from: string, to: string): void
}

/** Beside the original, named for when it was set aside: settings.damaged-2026-12-06T08-00-00-000Z.json. */
export function damagedSettingsName(file: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-')
  return file.replace(/(\.json)?$/, `.damaged-${stamp}.json`)
}

/**
 * Opens the settings store; when the file is damaged (electron-store throws on JSON it cannot parse or on
 * values its schema refuses), the file is kept under another name, like a damaged draft, and the store
 * opens again with defaults. `setAside` says where the old file went, so the person can be told.
 */
export function openSettingsStore<S>(options: {
  file: string
  open(): S
  fs: SettingsFileFs
  now?: () => Date
}): { store: S; setAside: string | null; error: unknown } {
  try {
    return { store: options.open(), setAside: null, error: null }
  } catch (error) {
    // Nothing to set aside: the failure is not the file's (a permissions problem, say); let start fail loudly.
    if (!options.fs.exists(options.file)) throw error
    const setAside = damagedSettingsName(options.file, (options.now ?? (() => new Date()))())
    options.fs.rename(options.file, setAside)
    return { store: options.open(), setAside, error }
  }
}

/** The notice after a damaged settings file was set aside; shown once the window is up. */
export function damagedSettingsNotice(language: UiLanguage, setAside: string): { title: string; message: string; detail: string } {
  return language === 'en'
    ? {
        title: 'Campus Newsroom',
        message: 'The settings file was damaged, so the default settings are in use.',
        detail: `Your drafts are not affected. Please check Settings (language, drafts folder, publishing targets). The damaged file was kept as:\n${setAside}`
      }
    : {
        title: '校园新闻编辑器',
        message: '设置文件已损坏，现在使用默认设置。',
        detail: `稿件不受影响。请打开“设置”检查语言、稿件文件夹和发布目标等。损坏的文件已保留为：\n${setAside}`
      }
}
