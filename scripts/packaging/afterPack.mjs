// electron-builder's afterPack hook (electron-builder.yml). sharp's native code comes from npm as one @img
// package per platform and arch, installed for the machine that ran `npm ci`: packaging arm64 on an x64
// runner would ship x64 binaries and every photo import would fail on the office's computer. Fail the build.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal']

/** The @img packages sharp needs on a platform (Electron's names: linux, darwin, win32) and arch. */
export function sharpPackagesFor(platform, arch) {
  const tag = `${platform}-${arch}`
  // On Windows the libvips DLLs ship inside the sharp-win32 package itself.
  return platform === 'win32' ? [`@img/sharp-${tag}`] : [`@img/sharp-${tag}`, `@img/sharp-libvips-${tag}`]
}

export function missingSharpPackages(platform, arch, unpackedModules) {
  return sharpPackagesFor(platform, arch).filter((name) => !existsSync(join(unpackedModules, ...name.split('/'), 'package.json')))
}

export default async function afterPack(context) {
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch)
  const resources = context.packager.getResourcesDir(context.appOutDir)
  const missing = missingSharpPackages(context.electronPlatformName, arch, join(resources, 'app.asar.unpacked', 'node_modules'))
  if (missing.length > 0) {
    throw new Error(
      `the ${context.electronPlatformName}-${arch} package lacks sharp's binaries (${missing.join(', ')}): build it on a ${arch} machine, ` +
        `or first run \`npm install --no-save --os=${context.electronPlatformName} --cpu=${arch} sharp\``
    )
  }
}
