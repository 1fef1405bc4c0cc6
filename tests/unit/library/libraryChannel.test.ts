import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { defaultLibraryView } from '../../../src/shared/library/view'
import { testCapabilities } from '../../support/testApp'

const context = { emit: () => undefined }

describe('library:query from a page that may be compromised', () => {
  let dir: string
  let services: AppServices
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'library-channel-'))
    services = composeApp(testCapabilities(dir))
  })
  afterEach(async () => {
    await services.library().close()
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
  })

  // knownChoices is only compared with main's own hash of the values: anything but a revision number is refused.
  it.each([['a path', '../settings.json'], ['a URL', 'https://example.com/'], ['a negative number', -1], ['a fraction', 1.5], ['an object', { toString: 'x' }]])(
    'refuses %s as the revision the page has',
    async (_what, knownChoices) => {
      const answer = await services.dispatch('library:query', { view: defaultLibraryView(), knownChoices }, context)
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    }
  )

  it('answers a revision it does not have with the values, and one it has without them', async () => {
    await services.drafts().create({ title: '运动会', column: '校园动态' })
    let first = await services.dispatch('library:query', { view: defaultLibraryView() }, context)
    for (let i = 0; i < 50 && first.ok && !(first.value as { ready: boolean }).ready; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      first = await services.dispatch('library:query', { view: defaultLibraryView() }, context)
    }
    expect(first).toMatchObject({ ok: true, value: { ready: true, choices: { columns: ['校园动态'] } } })
    const revision = (first as { value: { choicesRevision: number } }).value.choicesRevision
    expect(await services.dispatch('library:query', { view: defaultLibraryView(), knownChoices: revision }, context)).toMatchObject({ ok: true, value: { choices: null, choicesRevision: revision } })
    expect(await services.dispatch('library:query', { view: defaultLibraryView(), knownChoices: revision ^ 1 }, context)).toMatchObject({ ok: true, value: { choices: { columns: ['校园动态'] } } })
  })
})
