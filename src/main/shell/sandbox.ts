/**
 * Chromium's sandbox on Linux needs unprivileged user namespaces, or a root-owned setuid `chrome-sandbox`.
 * Ubuntu 23.10+/24.04 restrict user namespaces to programs an AppArmor profile allows
 * (kernel.apparmor_restrict_unprivileged_userns = 1): the deb installs such a profile; Electron from npm
 * and the AppImage (random mount point) have none. Electron then aborts with a FATAL stack, and
 * electron-builder's AppImage launcher quietly adds --no-sandbox. These decisions say what to tell the person
 * instead; nothing here turns the sandbox off.
 */

export type SandboxProbe = {
  platform: string
  /** The text of /proc/sys/kernel/apparmor_restrict_unprivileged_userns, or null where it does not exist. */
  restrictUnprivilegedUserns: string | null
  /** `unshare -Ur true` exited 0 (true), failed (false), or could not be run (null). */
  usernsWorks: boolean | null
  /** Owner and mode of Electron's chrome-sandbox helper, or null when it is missing. */
  chromeSandbox: { path: string; uid: number; mode: number } | null
}

export type DevSandboxVerdict = { ok: true } | { ok: false; why: string; fix: string }

const SETUID_ROOT = 0o4755

/** A path as one single-quoted shell word, safe whatever it holds. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

export function isSetuidRoot(sandbox: SandboxProbe['chromeSandbox']): boolean {
  return sandbox !== null && sandbox.uid === 0 && (sandbox.mode & SETUID_ROOT) === SETUID_ROOT
}

/** For `npm start`: will Electron from node_modules start here, and if not, the one line that fixes it. */
export function devSandboxVerdict(probe: SandboxProbe): DevSandboxVerdict {
  if (probe.platform !== 'linux') return { ok: true }
  const restricted = probe.restrictUnprivilegedUserns?.trim() === '1'
  // Under the restriction a probe like unshare may itself have a profile (Ubuntu 24.10 ships some), so its
  // success says nothing about Electron: only a setuid-root helper does.
  if (!restricted && probe.usernsWorks !== false) return { ok: true }
  if (isSetuidRoot(probe.chromeSandbox)) return { ok: true }
  const why = restricted
    ? 'this system restricts unprivileged user namespaces (Ubuntu 23.10+/24.04: kernel.apparmor_restrict_unprivileged_userns = 1), so Electron’s sandbox cannot start'
    : 'this system does not allow unprivileged user namespaces, so Electron’s sandbox cannot start'
  if (!probe.chromeSandbox) return { ok: false, why: `${why}, and node_modules/electron has no chrome-sandbox helper`, fix: 'npm ci' }
  const path = shellQuote(probe.chromeSandbox.path)
  return { ok: false, why, fix: `sudo chown root:root ${path} && sudo chmod 4755 ${path}` }
}

export type SandboxNotice = { title: string; message: string; detail: string; buttons: [quit: string, runAnyway: string] }

export type PackagedSandboxState = {
  platform: string
  /** --no-sandbox is on Chromium's command line (the AppImage launcher adds it when user namespaces fail). */
  noSandboxSwitch: boolean
  /** ELECTRON_DISABLE_SANDBOX is set. */
  disabledByEnvironment: boolean
  /** Running from an AppImage (the APPIMAGE variable its runtime sets). */
  appImage: boolean
  language: 'zh-CN' | 'en'
}

/** The UI language before settings can be read: the system's. */
export function languageForLocale(locale: string): 'zh-CN' | 'en' {
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/**
 * What the installed app asks before running without the sandbox, or null when the sandbox is on. The person
 * chooses: quit (default), or go on this once knowing it is unsafe.
 */
export function packagedSandboxNotice(state: PackagedSandboxState): SandboxNotice | null {
  if (state.platform !== 'linux' || (!state.noSandboxSwitch && !state.disabledByEnvironment)) return null
  if (state.language === 'zh-CN') {
    return {
      title: '安全沙箱未启用',
      message: '校园新闻编辑器这次是在没有安全沙箱的情况下启动的（--no-sandbox）。',
      detail: [
        state.appImage
          ? 'Ubuntu 23.10 及以上版本（包括 24.04）只允许有 AppArmor 配置的程序启用沙箱，而 AppImage 无法带上这一配置。'
          : '这台电脑不允许程序创建沙箱所需的用户命名空间。',
        '',
        '建议：改用 .deb 安装包（sudo apt install ./campus-newsroom-*.deb），安装时会自动加入所需配置。',
        '或请管理员执行下面一行命令（会对整个系统放宽这一限制）：',
        'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
        '',
        '没有沙箱时，打开的网页内容若有漏洞可能影响整台电脑。'
      ].join('\n'),
      buttons: ['退出', '仍然继续（不安全）']
    }
  }
  return {
    title: 'Sandbox is off',
    message: 'Campus Newsroom was started without its security sandbox (--no-sandbox).',
    detail: [
      state.appImage
        ? 'Ubuntu 23.10 and later (24.04 included) let only programs with an AppArmor profile use the sandbox, and an AppImage cannot bring one.'
        : 'This computer does not allow the user namespaces the sandbox needs.',
      '',
      'Install the .deb package instead (sudo apt install ./campus-newsroom-*.deb): it adds the profile.',
      'Or ask an administrator to run this one line (it relaxes the restriction for the whole system):',
      'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
      '',
      'Without the sandbox, a flaw in content the app shows could reach the whole computer.'
    ].join('\n'),
    buttons: ['Quit', 'Continue anyway (unsafe)']
  }
}
