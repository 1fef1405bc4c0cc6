import { randomBytes } from 'node:crypto'
import { basename, isAbsolute, resolve, win32 } from 'node:path'
import { PACKAGE_FILE_EXTENSION } from '../../shared/appIdentity'

/**
 * `.newsroom` packages the operating system hands the app: a double-click or `campus-newsroom file.newsroom`
 * (argv), macOS's `open-file`, a second launch forwarding its argv through `second-instance`. Main keeps
 * the path and gives the page a single-use token and the file name only; the page then imports through
 * `packages:import` with that token, so the same keep-both / replace question follows. The page never names a path.
 */

/** The packages named on a command line: arguments that are not switches and end in .newsroom, made absolute. */
export function packagePathsFromArgv(argv: readonly string[], workingDirectory: string, platform: string = process.platform): string[] {
  const absolute = (path: string) => {
    if (platform === 'win32') return win32.isAbsolute(path) ? path : win32.resolve(workingDirectory, path)
    return isAbsolute(path) ? path : resolve(workingDirectory, path)
  }
  // argv[0] is the executable; Chromium switches (--flag, and on Windows /flag is not used) come before or after.
  const found = argv.slice(1).filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(PACKAGE_FILE_EXTENSION))
  return [...new Set(found.map(absolute))]
}

export type OpenedPackage = { token: string; fileName: string }

export type OpenedPackages = {
  /** Main got this path from the operating system; the page will be told to take it. */
  offer(path: string): OpenedPackage
  /** The oldest package not yet taken by the page, or null. */
  takeNext(): OpenedPackage | null
  /** Also for conflict answers: a token for a path main already holds. */
  remember(path: string): string
  /** The path behind a token, once: a used or unknown token gives null. */
  redeem(token: string): string | null
}

/** At most this many packages wait at once: a script opening thousands of files must not grow main's memory. */
export const OPENED_PACKAGES_MAX = 50

export function createOpenedPackages(fileName: (path: string) => string = (path) => basename(path.replace(/\\/g, '/'))): OpenedPackages {
  const paths = new Map<string, string>()
  const waiting: OpenedPackage[] = []
  const remember = (path: string) => {
    const token = randomBytes(12).toString('hex')
    paths.set(token, path)
    // Questions nobody answered (a closed conflict dialog) are forgotten oldest first.
    for (const oldest of paths.keys()) {
      if (paths.size <= OPENED_PACKAGES_MAX * 2) break
      paths.delete(oldest)
    }
    return token
  }
  return {
    offer(path) {
      const opened = { token: remember(path), fileName: fileName(path) }
      waiting.push(opened)
      for (const dropped of waiting.splice(0, Math.max(0, waiting.length - OPENED_PACKAGES_MAX))) paths.delete(dropped.token)
      return opened
    },
    takeNext: () => waiting.shift() ?? null,
    remember,
    redeem(token) {
      const path = paths.get(token)
      if (path === undefined) return null
      paths.delete(token)
      return path
    }
  }
}
