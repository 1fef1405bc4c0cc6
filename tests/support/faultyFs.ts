import * as nodeFs from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { constants } from 'node:os'
import type { ServiceFs } from '../../src/main/services/fs/serviceFs'

/**
 * - `disk-full`: data writes fail with ENOSPC (opening a file for writing still works and leaves an empty
 *   file, as on a real full disk); with `failOpen`, opening for writing fails too.
 * - `read-only` (EROFS) / `no-permission` (EACCES): every change fails — opening for writing, writes,
 *   rename, mkdir, rm, cp. Reading keeps working, and `mkdir -p` of a folder that already exists succeeds,
 *   as Linux reports EEXIST before EROFS.
 */
export type FaultMode = 'disk-full' | 'read-only' | 'no-permission'

export type FaultOptions = {
  /** Only paths this accepts fail; default: every path. */
  only?: (path: string) => boolean
  /** disk-full only: fail already when a file is opened for writing. */
  failOpen?: boolean
  /** Heal by itself after refusing this many calls (space freed, disk remounted). */
  times?: number
}

export type FaultyFs = ServiceFs & {
  fail(mode: FaultMode, options?: FaultOptions): void
  heal(): void
  /** How many calls a fault refused since the last `fail`. */
  readonly refused: number
}

const ERRNO: Record<FaultMode, { code: 'ENOSPC' | 'EROFS' | 'EACCES'; text: string }> = {
  'disk-full': { code: 'ENOSPC', text: 'no space left on device' },
  'read-only': { code: 'EROFS', text: 'read-only file system' },
  'no-permission': { code: 'EACCES', text: 'permission denied' }
}

const isWriteFlag = (flags: unknown) => typeof flags === 'string' && /[wa+]/.test(flags)

/**
 * A ServiceFs over node:fs/promises whose faults can be switched on and off while a test runs. Root
 * ignores chmod here, so injecting the errno is the only reliable way to see a full or read-only disk.
 * The error message leaves out the path on purpose: tests then see what the store itself tells a person.
 */
export function createFaultyFs(base: ServiceFs = nodeFs): FaultyFs {
  let mode: FaultMode | null = null
  let options: FaultOptions = {}
  let refused = 0

  const applies = (path: unknown) => mode !== null && (options.only?.(String(path)) ?? true)

  function fault(syscall: string, path: unknown): NodeJS.ErrnoException {
    const { code, text } = ERRNO[mode ?? 'read-only']
    const error: NodeJS.ErrnoException = new Error(`${code}: ${text}, ${syscall}`)
    error.code = code
    error.errno = -constants.errno[code]
    error.syscall = syscall
    error.path = String(path)
    refused++
    if (options.times !== undefined && refused >= options.times) mode = null
    return error
  }

  /** Every change refused, or (disk full) only the ones that need space. */
  const refusesChanges = (path: unknown) => applies(path) && mode !== 'disk-full'
  const refusesData = (path: unknown) => applies(path)

  function wrapHandle(handle: FileHandle, path: unknown): FileHandle {
    const dataCalls = new Set<PropertyKey>(['writeFile', 'write', 'writev', 'appendFile'])
    return new Proxy(handle, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target)
        if (typeof value !== 'function') return value
        if (dataCalls.has(prop)) {
          return (...args: unknown[]) =>
            refusesData(path) ? Promise.reject(fault('write', path)) : (value as (...a: unknown[]) => unknown).apply(target, args)
        }
        return (value as (...a: unknown[]) => unknown).bind(target)
      }
    })
  }

  const fs: ServiceFs = {
    ...pick(base),
    open: (async (path: Parameters<ServiceFs['open']>[0], flags?: string | number, modeArg?: number) => {
      if (isWriteFlag(flags) && (refusesChanges(path) || (mode === 'disk-full' && options.failOpen && applies(path)))) {
        throw fault('open', path)
      }
      return wrapHandle(await base.open(path, flags, modeArg), path)
    }) as ServiceFs['open'],
    writeFile: (async (path: Parameters<ServiceFs['writeFile']>[0], ...rest: unknown[]) => {
      if (refusesData(path)) throw fault('open', path)
      return (base.writeFile as (...a: unknown[]) => Promise<void>)(path, ...rest)
    }) as ServiceFs['writeFile'],
    rename: async (from, to) => {
      if (refusesChanges(from) || refusesChanges(to)) throw fault('rename', from)
      return base.rename(from, to)
    },
    mkdir: (async (path: Parameters<ServiceFs['mkdir']>[0], opts?: Parameters<ServiceFs['mkdir']>[1]) => {
      if (applies(path)) {
        const recursive = typeof opts === 'object' && opts?.recursive
        const exists = await base.stat(path).then((s) => s.isDirectory(), () => false)
        if (!(recursive && exists)) throw fault('mkdir', path)
        return undefined
      }
      return base.mkdir(path, opts)
    }) as ServiceFs['mkdir'],
    rm: async (path, opts) => {
      if (refusesChanges(path)) throw fault('rm', path)
      return base.rm(path, opts)
    },
    cp: async (from, to, opts) => {
      if (refusesData(to)) throw fault('cp', to)
      return base.cp(from, to, opts)
    }
  }

  return {
    ...fs,
    fail(next, nextOptions = {}) {
      mode = next
      options = nextOptions
      refused = 0
    },
    heal() {
      mode = null
      options = {}
    },
    get refused() {
      return refused
    }
  }
}

function pick(base: ServiceFs): ServiceFs {
  const { open, rename, readFile, readdir, mkdir, rm, stat, cp, writeFile } = base
  return { open, rename, readFile, readdir, mkdir, rm, stat, cp, writeFile }
}
