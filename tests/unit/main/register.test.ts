import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { createDispatcher, type HandlerContext, type HandlerTable } from '../../../src/main/ipc/dispatch'
import { isTrustedUrl, registerIpc, type InvokeEventLike, type IpcMainLike } from '../../../src/main/ipc/register'
import { isAppFrame } from '../../../src/main/window/navigation'
import { createMemorySettingsStore } from '../../../src/main/services/settings/settingsService'
import { INVOKE_CHANNELS, type Envelope, type EventChannel } from '../../../src/shared/ipc/contract'

const appPage = 'app://newsroom/index.html'

type FakeEvent = InvokeEventLike & { emitted: Array<[EventChannel, unknown]> }
type Listener = (event: FakeEvent, payload: unknown) => Promise<Envelope>

/** Records what main registers, as Electron's ipcMain would hold it. */
function fakeIpcMain() {
  const listeners = new Map<string, Listener>()
  const handleCalls: string[] = []
  const removed: string[] = []
  const ipcMain: IpcMainLike<FakeEvent> = {
    handle(channel, listener) {
      handleCalls.push(channel)
      listeners.set(channel, listener)
    },
    removeHandler(channel) {
      removed.push(channel)
      listeners.delete(channel)
    }
  }
  const invoke = (channel: string, payload: unknown, event: FakeEvent = topFrame(appPage)) => {
    const listener = listeners.get(channel)
    if (!listener) throw new Error(`no handler registered for ${channel}`)
    return listener(event, payload)
  }
  return { ipcMain, listeners, handleCalls, removed, invoke }
}

function topFrame(url: string): FakeEvent {
  return { senderFrame: { url, parent: null }, emitted: [] }
}

function register(handlers: HandlerTable, devServerUrl?: string) {
  const fake = fakeIpcMain()
  const unregister = registerIpc<FakeEvent>({
    ipcMain: fake.ipcMain,
    dispatch: createDispatcher(handlers, { error: () => {} }),
    // The same test index.ts uses.
    isTrustedSender: (event) => isAppFrame(event.senderFrame, { devServerUrl }),
    contextFor: (event): HandlerContext => ({
      emit(channel, payload) {
        event.emitted.push([channel, payload])
      }
    })
  })
  return { ...fake, unregister }
}

const body = { root: { type: 'root' as const, children: [{ type: 'paragraph', children: [{ type: 'text', text: '运动会今日开幕。' }] }] } }

describe('registerIpc over the real handler table', () => {
  let dir: string
  let services: AppServices
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-ipc-'))
    services = composeApp({
      userDataDir: dir,
      settingsStore: createMemorySettingsStore(),
      shell: { openExternal: async () => {}, showInFolder: () => {} },
      appInfo: { version: '0.1.0', platform: 'linux', assetUrlBase: 'newsroom-asset://' },
      dialogs: { openFiles: async () => [], saveFile: async () => null },
      logger: { error: () => {} }
    })
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
  })

  it('registers every contract channel exactly once, and nothing else', () => {
    const { handleCalls } = register(services.handlers)
    expect([...handleCalls].sort()).toEqual([...INVOKE_CHANNELS].sort())
    expect(new Set(handleCalls).size).toBe(handleCalls.length)
  })

  it('answers a trusted page and pushes save-state events back to the window that asked', async () => {
    const { invoke } = register(services.handlers)
    const created = await invoke('drafts:create', { title: '秋季运动会' })
    expect(created.ok).toBe(true)
    const id = created.ok ? (created.value as { id: string }).id : ''
    const event = topFrame(`${appPage}#/drafts/${id}`)
    const saved = await invoke('drafts:save', { id, content: { title: '秋季运动会开幕', column: '校园动态', body } }, event)
    expect(saved).toMatchObject({ ok: true, value: { id, revision: 1 } })
    expect(event.emitted.map(([channel, payload]) => [channel, (payload as { state: string }).state])).toEqual([
      ['drafts:saveState', 'saving'],
      ['drafts:saveState', 'saved']
    ])
    const listed = await invoke('drafts:list', { scope: 'active' })
    expect(listed.ok && (listed.value as { drafts: Array<{ title: string }> }).drafts.map((d) => d.title)).toEqual(['秋季运动会开幕'])
  })

  it('names the offending field when a request does not match the contract', async () => {
    const { invoke } = register(services.handlers)
    const badScope = await invoke('drafts:list', { scope: 'everything' })
    expect(badScope).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(!badScope.ok && badScope.error.message).toMatch(/drafts:list: scope/)
    const badId = await invoke('drafts:open', { id: '../../etc/passwd' })
    expect(badId).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(!badId.ok && badId.error.message).toMatch(/\bid\b/)
  })

  it('removes the handler of every channel when unregistered', () => {
    const { unregister, removed, listeners } = register(services.handlers)
    unregister()
    expect([...removed].sort()).toEqual([...INVOKE_CHANNELS].sort())
    expect(listeners.size).toBe(0)
  })
})

describe('registerIpc refuses untrusted senders', () => {
  function spiedTable(): { handlers: HandlerTable; calls: string[] } {
    const calls: string[] = []
    const handlers = Object.fromEntries(
      INVOKE_CHANNELS.map((channel) => [
        channel,
        async () => {
          calls.push(channel)
          throw new Error('must not be reached')
        }
      ])
    ) as unknown as HandlerTable
    return { handlers, calls }
  }

  it.each([
    ['an iframe inside our own page', { senderFrame: { url: appPage, parent: { url: appPage } }, emitted: [] }],
    ['a foreign web page', topFrame('https://evil.example/')],
    ['another local file', topFrame('file:///home/user/Downloads/trap.html')],
    ['a file saved from our own page', topFrame('file:///opt/newsroom/out/renderer/index.html')],
    ['another file of our bundle shown as a page', topFrame('app://newsroom/assets/evil.html')],
    ['another host on our scheme', topFrame('app://newsroom.evil/index.html')],
    ['a page that looks like ours over http', topFrame('http://evil.example/opt/newsroom/out/renderer/index.html')],
    ['a frame that is already gone', { senderFrame: null, emitted: [] }]
  ] as Array<[string, FakeEvent]>)('%s', async (_name, event) => {
    const { handlers, calls } = spiedTable()
    const { invoke } = register(handlers)
    const answer = await invoke('drafts:list', { scope: 'active' }, event)
    expect(answer).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } })
    expect(calls).toEqual([])
  })

  it('trusts the dev server only when one is configured', async () => {
    const { handlers } = spiedTable()
    const dev = topFrame('http://localhost:5173/')
    expect(await register(handlers).invoke('app:info', {}, dev)).toMatchObject({ error: { code: 'untrusted-sender' } })
    const answer = await register(handlers, 'http://localhost:5173').invoke('app:info', {}, dev)
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } })
  })
})

describe('dispatch errors', () => {
  let dir: string
  let handlers: HandlerTable
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-ipc-'))
    handlers = composeApp({
      userDataDir: dir,
      settingsStore: createMemorySettingsStore(),
      shell: { openExternal: async () => {}, showInFolder: () => {} },
      appInfo: { version: '0.1.0', platform: 'linux', assetUrlBase: 'newsroom-asset://' },
      dialogs: { openFiles: async () => [], saveFile: async () => null },
      logger: { error: () => {} }
    }).handlers
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
  })

  it('reports an answer outside the response schema as invalid-response', async () => {
    const broken: HandlerTable = { ...handlers, 'app:info': async () => ({ version: 1 }) as never }
    const logger = { error: vi.fn() }
    const answer = await createDispatcher(broken, logger)('app:info', {}, { emit: () => {} })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-response' } })
    expect(logger.error).toHaveBeenCalled()
  })

  it('turns a full disk (ENOSPC) into disk-full', async () => {
    const full: HandlerTable = {
      ...handlers,
      'drafts:create': async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
      }
    }
    const { invoke } = register(full)
    expect(await invoke('drafts:create', {})).toMatchObject({ ok: false, error: { code: 'disk-full' } })
  })

  it.each(['drafts:explode', 'toString', '__proto__', 'constructor', ''])('refuses the unknown channel %j', async (channel) => {
    const answer = await createDispatcher(handlers, { error: () => {} })(channel, {}, { emit: () => {} })
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
  })

  it('never registers a listener for a channel outside the contract', () => {
    const { listeners } = register(handlers)
    expect(listeners.has('drafts:explode')).toBe(false)
  })
})

describe('isTrustedUrl', () => {
  it('accepts the packaged page with a hash route and nothing beside it', () => {
    expect(isTrustedUrl(`${appPage}#/settings`, {})).toBe(true)
    expect(isTrustedUrl('app://newsroom/', {})).toBe(true)
    expect(isTrustedUrl('app://newsroom/other.html', {})).toBe(false)
    expect(isTrustedUrl('not a url', {})).toBe(false)
    // No file: address is trusted, not even the built page's own (a copy saved elsewhere would pass too).
    expect(isTrustedUrl('file:///C:/Program%20Files/Campus%20Newsroom/resources/app.asar/out/renderer/index.html', {})).toBe(false)
  })
})
