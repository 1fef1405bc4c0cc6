import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import { pathToFileURL } from 'node:url'
import { extractAll, statFile } from '@electron/asar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SITE_CSS } from '../../src/main/services/export/siteStyles'
import { PACKAGED_RESOURCES_FOLDER } from '../../src/main/resources'
import { EXECUTABLE_NAME } from '../../src/shared/appIdentity'
// @ts-expect-error -- plain build scripts; their exports are exercised here
import { asarEntries, asarJson, asarPackages, filesBelow, megabytes, packageReport } from '../../scripts/packaging/contents.mjs'
// @ts-expect-error -- plain build scripts; their exports are exercised here
import { packLinuxDir, PROJECT_DIR } from '../../scripts/packaging/packDir.mjs'
// @ts-expect-error -- plain build scripts; their exports are exercised here
import { readFuses } from '../../scripts/packaging/standIn.mjs'
// @ts-expect-error -- plain build scripts; their exports are exercised here
import afterPack, { sharpPackagesFor } from '../../scripts/packaging/afterPack.mjs'

/**
 * electron-builder packages the real app (Linux `dir` target, stand-in Electron binary: see STACK.md), then this
 * reads what Electron would read: app.asar through @electron/asar, app.asar.unpacked and the extra resources.
 * About 30-40 s on two cores, so it is its own project (`vitest run --project packaging`), run by `npm test`.
 */

const BARE_OR_RELATIVE_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[^"'();]*?\sfrom\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g
/** How main names the files it opens beside itself: new URL('./x', import.meta.url) and join(mainDir, '../x'). */
const OPENED_BESIDE_MAIN = /new URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)|join\(\s*mainDir\s*,\s*["']([^"']+)["']\s*\)/g

function importsOf(source: string): string[] {
  return [...source.matchAll(BARE_OR_RELATIVE_IMPORT)].map((match) => match[1] ?? match[2]!).filter((specifier) => !specifier.startsWith('node:'))
}

describe('the packaged app (electron-builder --linux dir)', () => {
  let work: string
  let appDir: string
  let resources: string
  let asar: string
  let entries: string[]
  let extracted: string

  beforeAll(async () => {
    if (!existsSync(join(PROJECT_DIR, 'out', 'main', 'index.js'))) {
      expect(spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: PROJECT_DIR, stdio: 'inherit' }).status).toBe(0)
    }
    work = mkdtempSync(join(tmpdir(), 'newsroom-packaged-'))
    appDir = await packLinuxDir(join(work, 'dist'))
    resources = join(appDir, 'resources')
    asar = join(resources, 'app.asar')
    entries = asarEntries(asar) as string[]
    // What Electron sees, on a plain disk: the archive with its unpacked files in place.
    extracted = join(work, 'app')
    extractAll(asar, extracted)
    const report = packageReport(resources)
    console.log(`packaged: app.asar ${megabytes(report.asarBytes)}, app.asar.unpacked ${megabytes(report.unpackedBytes)}, resources ${megabytes(report.resourcesBytes)}, ${report.packages.length} packages`)
  }, 240_000)
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('names the binary and every path in ASCII, so no Chinese name becomes a folder, exe or AppArmor path', () => {
    expect(existsSync(join(appDir, EXECUTABLE_NAME))).toBe(true)
    for (const file of filesBelow(appDir) as string[]) expect(file).toMatch(/^[\x20-\x7e]+$/)
  })

  it('starts main from app.asar: package.json’s main is in the archive, with main, preload and the HEIC worker', () => {
    const manifest = asarJson(asar, 'package.json') as { main: string; version: string; devDependencies?: unknown; scripts?: unknown }
    const projectManifest = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as { version: string }
    expect(manifest.version).toBe(projectManifest.version)
    expect(manifest.devDependencies).toBeUndefined()
    expect(entries).toContain(posix.normalize(manifest.main))
    expect(entries).toEqual(expect.arrayContaining(['out/main/index.js', 'out/main/heicWorker.js', 'out/preload/index.cjs', 'out/renderer/index.html']))
  })

  it('holds every file main opens beside itself (preload, page, worker), found by reading the built main', () => {
    const main = readFileSync(join(extracted, 'out', 'main', 'index.js'), 'utf8')
    const opened = [...main.matchAll(OPENED_BESIDE_MAIN)].map((match) => posix.join('out/main', match[1] ?? match[2]!))
    // The page is served from out/renderer through the app:// scheme (its entry is index.html); the workers are files.
    expect(opened).toEqual(expect.arrayContaining(['out/preload/index.cjs', 'out/renderer', 'out/main/heicWorker.js', 'out/main/livePageWorker.js', 'out/main/libraryWorker.js']))
    for (const path of opened) expect(entries, path).toContain(path === 'out/renderer' ? 'out/renderer/index.html' : path)
  })

  it('holds everything the page loads', () => {
    const html = readFileSync(join(extracted, 'out', 'renderer', 'index.html'), 'utf8')
    const assets = [...html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((match) => posix.join('out/renderer', match[1]!))
    expect(assets.length).toBeGreaterThanOrEqual(2)
    for (const asset of assets) expect(entries, asset).toContain(asset)
  })

  it('resolves every import of main, the worker and their chunks inside the package, devDependencies absent', () => {
    const builtFiles = entries.filter((entry) => /^out\/main\/.*\.js$/.test(entry))
    expect(builtFiles.length).toBeGreaterThanOrEqual(3)
    const resolver = join(extracted, 'out', 'main', '__resolve.mjs')
    writeFileSync(resolver, 'export const resolve = (specifier) => import.meta.resolve(specifier)\n')
    const specifiers = new Set<string>()
    for (const file of builtFiles) {
      for (const specifier of importsOf(readFileSync(join(extracted, file), 'utf8'))) {
        if (specifier.startsWith('.')) expect(entries, `${file} imports ${specifier}`).toContain(posix.join(posix.dirname(file), specifier))
        else if (specifier !== 'electron') specifiers.add(specifier)
      }
    }
    expect([...specifiers]).toEqual(expect.arrayContaining(['sharp', 'heic-decode', 'electron-store', 'zod']))
    return import(pathToFileURL(resolver).href).then(({ resolve }: { resolve(specifier: string): string }) => {
      for (const specifier of specifiers) expect(resolve(specifier), specifier).toContain(pathToFileURL(extracted).href)
    })
  })

  it('leaves devDependencies out: nothing only the development tools need is packaged', () => {
    const projectManifest = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
    const production = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: PROJECT_DIR, encoding: 'utf8' }).stdout
    const needed = new Set(production.split('\n').map((path) => path.split('node_modules/').pop()!))
    const packaged = asarPackages(entries) as string[]
    const devOnly = Object.keys(projectManifest.devDependencies).filter((name) => !needed.has(name))
    expect(devOnly).toEqual(expect.arrayContaining(['electron', 'react', 'lexical', 'vite', 'vitest', 'electron-builder', 'typescript']))
    expect(packaged.filter((name) => devOnly.includes(name))).toEqual([])
    // Type declarations some dependencies list as dependencies are left out too (electron-builder.yml files).
    expect(packaged.filter((name) => name.startsWith('@types/'))).toEqual([])
    expect(packaged).toEqual(expect.arrayContaining(['sharp', 'heic-decode', 'electron-store', 'conf', 'zod', 'docx', 'mammoth']))
  })

  it('unpacks sharp and its @img binaries beside the archive, where native code can load', () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules')
    for (const name of ['sharp', ...(sharpPackagesFor('linux', 'x64') as string[])]) {
      expect(existsSync(join(unpacked, name, 'package.json')), name).toBe(true)
      expect((statFile(asar, `node_modules/${name}/package.json`) as { unpacked?: boolean }).unpacked, name).toBe(true)
    }
    expect(readdirSync(join(unpacked, '@img', 'sharp-linux-x64', 'lib')).some((name) => /^sharp-linux-x64.*\.node$/.test(name))).toBe(true)
    expect(readdirSync(join(unpacked, '@img', 'sharp-libvips-linux-x64', 'lib')).some((name) => name.startsWith('libvips-cpp.so'))).toBe(true)
  })

  it('sharp from the packaged files resizes a photo', () => {
    const script = `const sharp = require(${JSON.stringify(join(extracted, 'node_modules', 'sharp'))});
      sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).jpeg().toBuffer()
        .then((jpeg) => sharp(jpeg).resize(32).toBuffer({ resolveWithObject: true }))
        .then(({ info }) => console.log(JSON.stringify([info.format, info.width, info.height, require.resolve('sharp', { paths: [${JSON.stringify(extracted)}] })])))`
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: work })
    expect(result.stderr).toBe('')
    const [format, width, height, from] = JSON.parse(result.stdout) as [string, number, number, string]
    expect([format, width, height]).toEqual(['jpeg', 32, 24])
    expect(from.startsWith(extracted)).toBe(true)
  })

  it('carries the run-time data files main reads through the resources capability', () => {
    const folder = join(resources, PACKAGED_RESOURCES_FOLDER)
    expect(readFileSync(join(folder, DEFAULT_SITE_CSS), 'utf8')).toBe(readFileSync(join(PROJECT_DIR, 'resources', DEFAULT_SITE_CSS), 'utf8'))
    expect(existsSync(join(folder, 'icons', 'png', '512x512.png'))).toBe(true)
    // The master icon and the installer script are build inputs, not run-time data.
    expect(existsSync(join(folder, 'icons', 'icon.svg'))).toBe(false)
    expect(existsSync(join(folder, 'installer'))).toBe(false)
  })

  it('flips Electron’s fuses: no run-as-Node, NODE_OPTIONS or --inspect, only the app in app.asar', () => {
    const fuses = readFuses(readFileSync(join(appDir, EXECUTABLE_NAME)))
    expect(fuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true })
  })

  it('the build refuses an arch whose sharp binaries were not installed', async () => {
    const context = (arch: number) => ({ arch, appOutDir: appDir, electronPlatformName: 'linux', packager: { getResourcesDir: (dir: string) => join(dir, 'resources') } })
    await expect(afterPack(context(1))).resolves.toBeUndefined()
    await expect(afterPack(context(3))).rejects.toThrow(/lacks sharp's binaries \(@img\/sharp-linux-arm64, @img\/sharp-libvips-linux-arm64\)/)
  })
})
