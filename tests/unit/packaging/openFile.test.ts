import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import type { HandlerContext } from '../../../src/main/ipc/dispatch'
import { createOpenedPackages, OPENED_PACKAGES_MAX, packagePathsFromArgv } from '../../../src/main/shell/openFile'
import { makeTempDir, paragraphs } from '../../support/draftFixtures'
import { testCapabilities } from '../../support/testApp'

describe('packages named on the command line', () => {
  it('takes the .newsroom arguments, made absolute from the launch folder, and nothing else', () => {
    const argv = ['/opt/Campus Newsroom/campus-newsroom', '--no-sandbox', 'notes.txt', 'a.newsroom', '/home/li/下载/迎新晚会.NEWSROOM', '--flag=x.newsroom']
    expect(packagePathsFromArgv(argv, '/home/li', 'linux')).toEqual(['/home/li/a.newsroom', '/home/li/下载/迎新晚会.NEWSROOM'])
  })

  it('understands Windows drive letters, UNC shares and relative paths the way Windows does', () => {
    const exe = 'C:\\Users\\li\\AppData\\Local\\Programs\\campus-newsroom\\campus-newsroom.exe'
    expect(packagePathsFromArgv([exe, 'D:\\稿件\\a.newsroom', '\\\\server\\share\\b.newsroom', 'c.newsroom'], 'C:\\Users\\li\\Desktop', 'win32')).toEqual([
      'D:\\稿件\\a.newsroom',
      '\\\\server\\share\\b.newsroom',
      'C:\\Users\\li\\Desktop\\c.newsroom'
    ])
  })

  it('ignores the executable itself and repeats', () => {
    expect(packagePathsFromArgv(['/tmp/x.newsroom', '/tmp/y.newsroom', '/tmp/y.newsroom'], '/', 'linux')).toEqual(['/tmp/y.newsroom'])
  })
})

describe('the opened-package queue', () => {
  it('hands out single-use tokens and file names, never paths', () => {
    const queue = createOpenedPackages()
    const offered = queue.offer('C:\\稿件\\迎新晚会.newsroom')
    expect(offered.fileName).toBe('迎新晚会.newsroom')
    expect(queue.takeNext()).toEqual(offered)
    expect(queue.takeNext()).toBeNull()
    expect(queue.redeem(offered.token)).toBe('C:\\稿件\\迎新晚会.newsroom')
    expect(queue.redeem(offered.token)).toBeNull()
    expect(queue.redeem('made-up')).toBeNull()
  })

  it('keeps at most OPENED_PACKAGES_MAX waiting, dropping the oldest', () => {
    const queue = createOpenedPackages()
    const offered = Array.from({ length: OPENED_PACKAGES_MAX + 5 }, (_, index) => queue.offer(`/tmp/${index}.newsroom`))
    expect(queue.redeem(offered[0]!.token)).toBeNull()
    expect(queue.takeNext()?.fileName).toBe('5.newsroom')
  })
})

describe('opening a .newsroom file with the app imports it through the main-side entry point', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let app: AppServices
  let broadcasts: string[]
  const context: HandlerContext = {
    emit(channel, payload) {
      if (channel === 'app:flushRequest') app.flush.answer((payload as { requestId: string }).requestId, true)
    }
  }
  let saveTo: string | null = null

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-open-file-'))
    broadcasts = []
    app = composeApp(
      testCapabilities(join(dir, 'user'), {
        dialogs: { openFiles: async () => [], saveFile: async () => saveTo },
        broadcast: (channel) => broadcasts.push(channel)
      })
    )
  })
  afterEach(() => cleanup())

  async function exportedPackage(): Promise<{ id: string; path: string }> {
    const { id } = await app.drafts().create()
    await app.dispatch('drafts:save', { id, content: { title: '运动会', column: '校园动态', body: paragraphs('百米决赛。') } }, context)
    saveTo = join(dir, '运动会.newsroom')
    const exported = await app.dispatch('packages:export', { draftId: id }, context)
    expect(exported).toMatchObject({ ok: true })
    return { id, path: saveTo }
  }

  it('tells the page, which takes a token and imports; a second open of the same package asks keep-both / replace', async () => {
    const { id, path } = await exportedPackage()
    await app.dispatch('drafts:delete', { id }, context).catch(() => undefined)

    app.openPackage(path)
    expect(broadcasts).toEqual(['packages:opened'])
    const taken = await app.dispatch('packages:takeOpened', {}, context)
    expect(taken).toEqual({ ok: true, value: { opened: { token: expect.any(String), fileName: '运动会.newsroom' } } })
    const token = (taken as { value: { opened: { token: string } } }).value.opened.token
    const first = await app.dispatch('packages:import', { token }, context)
    expect(first).toMatchObject({ ok: true, value: { outcome: expect.stringMatching(/imported|conflict/) } })

    app.openPackage(path)
    const again = (await app.dispatch('packages:takeOpened', {}, context)) as { value: { opened: { token: string } } }
    const question = await app.dispatch('packages:import', { token: again.value.opened.token }, context)
    expect(question).toMatchObject({ ok: true, value: { outcome: 'conflict', fileName: '运动会.newsroom', conflict: { packageTitle: '运动会' } } })
    const answerToken = (question as { value: { token: string } }).value.token
    expect(await app.dispatch('packages:import', { token: answerToken, onConflict: 'keep-both' }, context)).toMatchObject({
      ok: true,
      value: { outcome: 'imported', keptBoth: true, replaced: false }
    })
  })

  it('a used or invented token imports nothing: the page cannot name a file', async () => {
    const { path } = await exportedPackage()
    app.openPackage(path)
    const taken = (await app.dispatch('packages:takeOpened', {}, context)) as { value: { opened: { token: string } } }
    await app.dispatch('packages:import', { token: taken.value.opened.token }, context)
    for (const token of [taken.value.opened.token, path.slice(0, 100), 'deadbeef']) {
      expect(await app.dispatch('packages:import', { token }, context)).toMatchObject({ ok: false, error: { code: 'not-found' } })
    }
    expect(await app.dispatch('packages:takeOpened', {}, context)).toEqual({ ok: true, value: { opened: null } })
  })
})
