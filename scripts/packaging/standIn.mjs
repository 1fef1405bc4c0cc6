// A stand-in for the Electron binary, for packaging where Electron cannot be downloaded (electronDist).
// electron-builder copies it, renames it to the executable name and flips Electron's fuses in it, so it
// carries a fuse wire like the real binary's: the sentinel, version 1, the length, then one byte per fuse
// ('1' on, '0' off) in Electron 41's default state.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar, V8Snapshot, GrantFileProtocol. */
export const FUSE_NAMES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges']
const DEFAULT_WIRE = '10110001'

export function writeStandInElectron(folder) {
  mkdirSync(folder, { recursive: true })
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE, 'latin1')])
  const script = Buffer.concat([Buffer.from('#!/bin/sh\n# stand-in Electron for packaging tests; fuse wire: ', 'latin1'), wire, Buffer.from('\necho "stand-in Electron: not runnable" >&2\nexit 1\n', 'latin1')])
  writeFileSync(join(folder, 'electron'), script)
  chmodSync(join(folder, 'electron'), 0o755)
  // What the real Linux zip carries beside the binary and electron-builder expects to find or may chmod.
  writeFileSync(join(folder, 'chrome-sandbox'), '#!/bin/sh\nexit 1\n')
  chmodSync(join(folder, 'chrome-sandbox'), 0o755)
  writeFileSync(join(folder, 'LICENSE'), 'stand-in\n')
  writeFileSync(join(folder, 'version'), '41.7.1')
  mkdirSync(join(folder, 'resources'), { recursive: true })
  return folder
}

/** The fuses as packaged, by name: true on, false off. */
export function readFuses(binary) {
  const at = binary.indexOf(Buffer.from(FUSE_SENTINEL, 'latin1'))
  if (at < 0) throw new Error('no fuse wire in this binary')
  const start = at + FUSE_SENTINEL.length
  const length = binary[start + 1]
  return Object.fromEntries(FUSE_NAMES.slice(0, length).map((name, index) => [name, binary[start + 2 + index] === 0x31]))
}
