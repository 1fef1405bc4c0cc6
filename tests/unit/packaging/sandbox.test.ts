import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { devSandboxVerdict, languageForLocale, packagedSandboxNotice, shellQuote, type SandboxProbe } from '../../../src/main/shell/sandbox'

const path = '/home/李老师/campus newsroom/node_modules/electron/dist/chrome-sandbox'
const ubuntu2404: SandboxProbe = { platform: 'linux', restrictUnprivilegedUserns: '1\n', usernsWorks: false, chromeSandbox: { path, uid: 1000, mode: 0o755 } }

describe('npm start’s sandbox check', () => {
  it('on Ubuntu 24.04 with npm’s chrome-sandbox, names the exact one-line fix', () => {
    const verdict = devSandboxVerdict(ubuntu2404)
    expect(verdict).toEqual({
      ok: false,
      why: expect.stringContaining('apparmor_restrict_unprivileged_userns = 1'),
      fix: `sudo chown root:root '${path}' && sudo chmod 4755 '${path}'`
    })
  })

  it('the fix is one line a shell runs as written, whatever the folder is called', () => {
    const verdict = devSandboxVerdict({ ...ubuntu2404, chromeSandbox: { path: "/tmp/it's here/chrome-sandbox", uid: 1000, mode: 0o755 } })
    if (verdict.ok) throw new Error('expected a fix')
    const echoed = spawnSync('sh', ['-c', `printf '%s' ${shellQuote("/tmp/it's here/chrome-sandbox")}`], { encoding: 'utf8' }).stdout
    expect(echoed).toBe("/tmp/it's here/chrome-sandbox")
    expect(verdict.fix).not.toContain('\n')
  })

  it('is satisfied once the helper is setuid root, and trusts no unshare probe under the restriction', () => {
    expect(devSandboxVerdict({ ...ubuntu2404, chromeSandbox: { path, uid: 0, mode: 0o4755 } })).toEqual({ ok: true })
    expect(devSandboxVerdict({ ...ubuntu2404, chromeSandbox: { path, uid: 0, mode: 0o755 } }).ok).toBe(false)
    expect(devSandboxVerdict({ ...ubuntu2404, usernsWorks: true }).ok).toBe(false)
  })

  it('says nothing where user namespaces work, or off Linux', () => {
    expect(devSandboxVerdict({ ...ubuntu2404, restrictUnprivilegedUserns: '0' , usernsWorks: true })).toEqual({ ok: true })
    expect(devSandboxVerdict({ ...ubuntu2404, restrictUnprivilegedUserns: null, usernsWorks: null })).toEqual({ ok: true })
    expect(devSandboxVerdict({ ...ubuntu2404, platform: 'win32' })).toEqual({ ok: true })
  })

  it('a kernel without user namespaces at all (e.g. Debian with unprivileged_userns_clone=0) also gets the fix', () => {
    expect(devSandboxVerdict({ ...ubuntu2404, restrictUnprivilegedUserns: null, usernsWorks: false })).toMatchObject({ ok: false, fix: expect.stringContaining('chmod 4755') })
  })
})

describe('the installed app without its sandbox', () => {
  const appImage = { platform: 'linux', noSandboxSwitch: true, disabledByEnvironment: false, appImage: true, language: 'zh-CN' as const }

  it('asks in Chinese, quitting by default, and names the deb and the one-line fix', () => {
    const notice = packagedSandboxNotice(appImage)!
    expect(notice.buttons).toEqual(['退出', '仍然继续（不安全）'])
    expect(notice.detail).toContain('.deb')
    expect(notice.detail).toContain('sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0')
    expect(notice.detail).toContain('AppImage')
  })

  it('in English when the system is not Chinese', () => {
    expect(packagedSandboxNotice({ ...appImage, language: languageForLocale('en-US') })!.buttons[0]).toBe('Quit')
    expect(languageForLocale('zh-TW')).toBe('zh-CN')
  })

  it('asks nothing while the sandbox is on, or off Linux', () => {
    expect(packagedSandboxNotice({ ...appImage, noSandboxSwitch: false })).toBeNull()
    expect(packagedSandboxNotice({ ...appImage, platform: 'win32' })).toBeNull()
    expect(packagedSandboxNotice({ ...appImage, noSandboxSwitch: false, disabledByEnvironment: true })).not.toBeNull()
  })
})
