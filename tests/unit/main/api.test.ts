import { describe, expect, it, vi } from 'vitest'
import { API_GLOBAL, createNewsroomApi, createNewsroomBridge, NewsroomError, type Transport } from '../../../src/shared/ipc/api'
import { EVENT_CHANNELS, INVOKE_CHANNELS, PAGE_CHANNELS, type EventChannel } from '../../../src/shared/ipc/contract'

function fakeTransport(answer: (channel: string, request: unknown) => unknown = () => ({ ok: true, value: { ok: true } })) {
  const invoked: Array<[string, unknown]> = []
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  const transport: Transport = {
    invoke: async (channel, request) => {
      invoked.push([channel, request])
      return answer(channel, request)
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return () => set.delete(listener)
    }
  }
  const push = (channel: EventChannel, payload: unknown) => listeners.get(channel)?.forEach((l) => l(payload))
  return { transport, invoked, push }
}

type Methods = Record<string, Record<string, (request?: unknown) => Promise<unknown>>>

/** The renderer's API over the preload's bridge, as in the app. */
const apiOver = (transport: Transport) => createNewsroomApi(createNewsroomBridge(transport))

describe('the preload bridge and the renderer API', () => {
  it('is exposed as window.newsroom', () => {
    expect(API_GLOBAL).toBe('newsroom')
  })

  it('has exactly one method per page channel, namespaced, and only `on` and `dropTokens` besides; preload-only channels are absent', () => {
    const api = createNewsroomBridge(fakeTransport().transport) as unknown as Record<string, object>
    const methods = Object.entries(api)
      .filter(([key]) => key !== 'on' && key !== 'dropTokens')
      .flatMap(([ns, group]) => Object.keys(group).map((method) => `${ns}:${method}`))
    expect(methods.sort()).toEqual([...PAGE_CHANNELS].sort())
    expect(INVOKE_CHANNELS).toContain('photos:registerDrop')
    expect(methods).not.toContain('photos:registerDrop')
    expect(typeof api.on).toBe('function')
    expect(Object.keys(api).sort()).toEqual([...new Set(PAGE_CHANNELS.map((c) => c.split(':')[0])), 'on', 'dropTokens'].sort())
  })

  it('turns dropped files into tokens through the preload’s own lookup and registerDrop, one entry per file, never a path', async () => {
    const files = [{ name: 'IMG_0001.JPG' }, { name: 'pasted.png' }, { name: 'broken' }]
    const lookup = (batch: readonly { name: string }[]) =>
      batch.map((file) => {
        if (file.name === 'broken') throw new Error('not a File')
        return file.name === 'IMG_0001.JPG' ? '/media/card/DCIM/IMG_0001.JPG' : ''
      })
    const { transport, invoked } = fakeTransport((channel) => (channel === 'photos:registerDrop' ? { ok: true, value: { tokens: ['t'.repeat(24)] } } : { ok: true, value: {} }))
    expect(await createNewsroomApi(createNewsroomBridge(transport, { pathsForFiles: lookup })).dropTokens(files)).toEqual(['t'.repeat(24), '', ''])
    expect(invoked).toEqual([['photos:registerDrop', { paths: ['/media/card/DCIM/IMG_0001.JPG'] }]])
    // Without a lookup (or a preload from before it existed) no file is on disk: the page reads their bytes.
    expect(await apiOver(transport).dropTokens(files)).toEqual(['', '', ''])
    const { dropTokens: _dropped, ...older } = createNewsroomBridge(transport) as unknown as Record<string, unknown>
    expect(await createNewsroomApi(older as unknown as Parameters<typeof createNewsroomApi>[0]).dropTokens(files)).toEqual(['', '', ''])
  })

  it('cannot be extended by the page', () => {
    const api = createNewsroomBridge(fakeTransport().transport) as unknown as Methods
    expect(Object.isFrozen(api)).toBe(true)
    expect(Object.isFrozen(api['drafts'])).toBe(true)
  })

  it('calls the transport on the matching channel with the request', async () => {
    const { transport, invoked } = fakeTransport((channel) =>
      channel === 'drafts:list' ? { ok: true, value: { drafts: [], quarantined: [] } } : { ok: true, value: { ok: true } }
    )
    const api = apiOver(transport)
    await expect(api.drafts.list({ scope: 'trash' })).resolves.toEqual({ drafts: [], quarantined: [] })
    await api.app.openExternal({ url: 'https://example.edu.cn/' })
    await api.settings.get({})
    expect(invoked).toEqual([
      ['drafts:list', { scope: 'trash' }],
      ['app:openExternal', { url: 'https://example.edu.cn/' }],
      ['settings:get', {}]
    ])
  })

  it('throws a NewsroomError carrying the code of an error envelope', async () => {
    const { transport } = fakeTransport(() => ({ ok: false, error: { code: 'disk-full', message: 'ENOSPC: no space left on device' } }))
    const api = apiOver(transport)
    const failure = await api.drafts.create({}).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(NewsroomError)
    expect(failure).toMatchObject({ code: 'disk-full', message: 'ENOSPC: no space left on device' })
  })

  it('rejects an answer that is not an envelope at all', async () => {
    const api = apiOver(fakeTransport(() => ({ drafts: [] })).transport)
    await expect(api.drafts.list({ scope: 'active' })).rejects.toThrow()
  })

  it('subscribes to contract events and unsubscribes', () => {
    const { transport, push } = fakeTransport()
    const api = apiOver(transport)
    const listener = vi.fn()
    const off = api.on('settings:changed', listener)
    push('settings:changed', { language: 'en', autosaveDelayMs: 800, dataDir: '' })
    off()
    push('settings:changed', { language: 'zh-CN', autosaveDelayMs: 800, dataDir: '' })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener).toHaveBeenCalledWith({ language: 'en', autosaveDelayMs: 800, dataDir: '' })
    expect(EVENT_CHANNELS).toContain('settings:changed')
  })

  it('rejects an unknown event channel without subscribing', () => {
    const { transport } = fakeTransport()
    const subscribe = vi.spyOn(transport, 'subscribe')
    const api = apiOver(transport)
    expect(() => api.on('ipc:anything' as EventChannel, () => {})).toThrow(/unknown event channel/)
    expect(subscribe).not.toHaveBeenCalled()
  })

  it('bridge methods resolve with the envelope instead of throwing, so the code survives contextBridge', async () => {
    const envelope = { ok: false, error: { code: 'read-only', message: 'EROFS' } }
    const bridge = createNewsroomBridge(fakeTransport(() => envelope).transport)
    await expect(bridge.drafts.save({ id: 'abcdef-1', content: { title: '', column: '', body: null } })).resolves.toEqual(envelope)
  })

  it('an API over a bridge whose errors lose their properties still reports the code', async () => {
    // contextBridge keeps only an Error's message; envelopes are plain data and cross intact.
    const bridge = createNewsroomBridge(fakeTransport(() => ({ ok: false, error: { code: 'disk-full', message: 'full' } })).transport)
    const cloned = JSON.parse(JSON.stringify({ ns: Object.keys(bridge) }))
    expect(cloned.ns).toContain('drafts')
    const failure = await createNewsroomApi(bridge).drafts.list({ scope: 'active' }).catch((e: unknown) => e)
    expect(failure).toMatchObject({ name: 'NewsroomError', code: 'disk-full' })
  })
})

describe('the channel names the preload and the page use without the contract’s schemas', () => {
  it('are exactly the contract’s page and event channels', async () => {
    const { PAGE_CHANNEL_NAMES, EVENT_CHANNEL_NAMES } = await import('../../../src/shared/ipc/channelNames')
    expect([...PAGE_CHANNEL_NAMES].sort()).toEqual([...PAGE_CHANNELS].sort())
    expect([...EVENT_CHANNEL_NAMES].sort()).toEqual([...EVENT_CHANNELS].sort())
  })

  it('refuses to subscribe to an event the contract does not have', () => {
    const api = createNewsroomBridge(fakeTransport().transport)
    expect(() => api.on('drafts:nothing' as EventChannel, () => undefined)).toThrow(/unknown event channel/)
  })
})
