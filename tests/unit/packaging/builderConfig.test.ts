import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { getConfig } from 'app-builder-lib/out/util/config/config'
import type { Configuration } from 'app-builder-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { APP_ID, EXECUTABLE_NAME, PACKAGE_FILE_EXTENSION } from '../../../src/shared/appIdentity'
import { PACKAGE_EXTENSION } from '../../../src/main/services/package/layout'

const root = join(import.meta.dirname, '..', '..', '..')
const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object

// The schema uses its own annotation keywords (e.g. "tsType"); strict mode would reject the schema, not the config.
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)

describe('electron-builder.yml', () => {
  let config: Configuration
  beforeAll(async () => {
    config = await getConfig(root, null, null)
  })

  it('is valid against electron-builder’s own JSON schema', () => {
    const valid = validate(config)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('the schema check bites: a misspelt option is refused', () => {
    expect(validate({ ...config, nsis: { ...config.nsis, oneclick: true } })).toBe(false)
    expect(validate({ ...config, appid: 'x' })).toBe(false)
  })

  it('uses the one app identity: app id, ASCII executable and artifact names, the .newsroom association', () => {
    expect(config.appId).toBe(APP_ID)
    expect(config.executableName).toBe(EXECUTABLE_NAME)
    expect(PACKAGE_FILE_EXTENSION).toBe(PACKAGE_EXTENSION)
    for (const name of [config.productName, config.executableName, config.artifactName]) expect(name).toMatch(/^[\x20-\x7e]+$/)
    expect(config.artifactName).toContain('${version}')
    const associations = [config.fileAssociations].flat()
    expect(associations.map((a) => a?.ext)).toEqual([PACKAGE_EXTENSION.slice(1)])
  })

  it('builds every installer the offices need, per user on Windows, keeping the library on uninstall', () => {
    const targets = (platform: 'win' | 'mac' | 'linux') => [config[platform]?.target].flat().map((t) => (typeof t === 'string' ? { target: t, arch: [] } : { target: t?.target, arch: [t?.arch].flat() }))
    expect(targets('win')).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(targets('mac')).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }])
    expect(targets('linux')).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] }
    ])
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false, createStartMenuShortcut: true, installerLanguages: ['zh_CN', 'en_US'] })
    expect(config.nsis?.createDesktopShortcut).toBeTruthy()
    // electron-builder's own deb scripts install the AppArmor profile; replacing them would lose it.
    expect(config.deb?.afterInstall).toBeUndefined()
    expect(config.deb?.appArmorProfile).toBeUndefined()
    expect(config.mac?.minimumSystemVersion).toBe('12.0')
  })

  it('points at files that exist: icons for every platform, the installer include', () => {
    const files = [config.win?.icon, config.mac?.icon, config.nsis?.include, config.nsis?.installerIcon, join(String(config.linux?.icon), '512x512.png')]
    for (const file of files) expect(existsSync(join(root, String(file))), String(file)).toBe(true)
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/sharp/**/*', 'node_modules/@img/**/*']))
  })

  it('takes the version from package.json', () => {
    expect(config.extraMetadata?.version).toBeUndefined()
    expect(config.buildVersion).toBeUndefined()
  })
})

describe('npm run dist', () => {
  it('builds this platform for this arch only, never publishing', async () => {
    // @ts-expect-error -- a plain build script; its exports are exercised here
    const { builderArgs } = (await import('../../../scripts/packaging/dist.mjs')) as { builderArgs(platform: string, arch: string, extra?: string[]): string[] }
    expect(builderArgs('win32', 'x64')).toEqual(['--win', '--x64', '--publish', 'never'])
    expect(builderArgs('darwin', 'arm64', ['--dir'])).toEqual(['--mac', '--arm64', '--publish', 'never', '--dir'])
    expect(() => builderArgs('linux', 'ia32')).toThrow(/no installer is configured for linux-ia32/)
  })
})
