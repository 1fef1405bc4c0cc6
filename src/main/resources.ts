import { readFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'

/**
 * The data files the app reads at run time (default site style, icons): one folder, found once by main.
 * Packaged, electron-builder copies `resources/` to `<resourcesPath>/newsroom` (extraResources), beside
 * app.asar, where it can be read without asar and replaced by an administrator; from source it is the
 * project's own `resources/`.
 */
export type Resources = {
  readonly root: string
  /** The absolute path of a file below the resources folder; throws for a name that would leave it. */
  path(name: string): string
  readText(name: string): string
}

/** Where extraResources puts the project's resources/ folder inside the installed app's resources. */
export const PACKAGED_RESOURCES_FOLDER = 'newsroom'

export function resourcesRoot(options: { isPackaged: boolean; resourcesPath: string; appPath: string }): string {
  return options.isPackaged ? join(options.resourcesPath, PACKAGED_RESOURCES_FOLDER) : join(options.appPath, 'resources')
}

export function createResources(root: string): Resources {
  const absoluteRoot = resolve(root)
  const path = (name: string) => {
    const full = resolve(absoluteRoot, name)
    const inside = relative(absoluteRoot, full)
    if (!inside || inside.startsWith('..') || isAbsolute(inside)) throw new Error(`${name} is not a file below ${absoluteRoot}`)
    return full
  }
  return { root: absoluteRoot, path, readText: (name) => readFileSync(path(name), 'utf8') }
}

/** The project's resources/ folder, for tests, benches and the E2E harness, which all run from the project folder. */
export function projectResources(): Resources {
  return createResources(resolve('resources'))
}
