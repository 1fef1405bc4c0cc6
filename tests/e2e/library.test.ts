/// <reference lib="dom" />
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { DRAFT_SCHEMA_VERSION, type Draft } from '../../src/shared/model/draft'
import { DEFAULT_CHAIN, statusesOf } from '../../src/shared/model/chain'
import { emptyMetadata, type ArticleMetadata } from '../../src/shared/model/metadata'
import { campusNews } from '../../bench/lib/campusNews'
import { articleBody } from '../../bench/lib/newsText'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const LIBRARY_SIZE = 300
const TARGET = { id: 'target-0001', title: '我校举办第三十届秋季运动会', body: '十月二十日上午，我校第三十届秋季运动会在东操场隆重开幕，全体师生参加了开幕式。' }
const PHOTO = { id: 'photo-00001', title: '实验室开放日', photographer: '欧阳明月' }

function draft(id: string, title: string, body: string, at: Date, extra: { status?: Draft['status']; column?: string; metadata?: Partial<ArticleMetadata> } = {}): Draft {
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    id,
    title,
    column: extra.column ?? '',
    status: extra.status ?? 'draft',
    body: articleBody(body),
    metadata: { ...emptyMetadata(), ...extra.metadata },
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    revision: 1,
    signOffs: []
  }
}

/** A library of a few hundred campus news drafts, written straight to disk in the store's layout. */
async function seedLibrary(dataDir: string): Promise<void> {
  const start = Date.parse('2025-03-01T02:00:00Z')
  const drafts: Draft[] = Array.from({ length: LIBRARY_SIZE }, (_, n) =>
    draft(`seed-${String(n).padStart(5, '0')}`, campusNews(12 + (n % 8), n + 50), campusNews(2000, n + 1), new Date(start + n * 3_600_000), {
      status: statusesOf(DEFAULT_CHAIN)[n % 5],
      column: n % 2 === 0 ? '校园动态' : '通知公告',
      metadata: { sourceDepartment: n % 3 === 0 ? '教务处' : '学生处' }
    })
  )
  drafts.push(draft(TARGET.id, TARGET.title, TARGET.body, new Date(start - 86_400_000), { column: '校园动态', status: 'awaiting:proofread', metadata: { proofreader: '王五' } }))
  drafts.push(
    draft(PHOTO.id, PHOTO.title, '化学实验室向新生开放。', new Date(start - 2 * 86_400_000), { status: 'awaiting:proofread', metadata: { photographers: [PHOTO.photographer], proofreader: '李校对' } })
  )
  for (const item of drafts) {
    await mkdir(join(dataDir, 'drafts', item.id), { recursive: true })
    await writeFile(join(dataDir, 'drafts', item.id, 'draft.json'), JSON.stringify(item))
  }
}

/**
 * What is wrong with the shown rows' two lines: a title squashed below its line height, a meta line starting above
 * the title's end or ending below the row, or a part of the meta line taller than that line; [] when all is right.
 */
function rowLinesOverlap(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    for (const row of [...document.querySelectorAll('.draft-row')].slice(0, 12)) {
      const box = row.getBoundingClientRect()
      const title = row.querySelector('.draft-title')!.getBoundingClientRect()
      const meta = row.querySelector('.draft-meta')!
      const metaBox = meta.getBoundingClientRect()
      const name = row.querySelector('.draft-title')!.textContent
      if (title.height + 0.5 < parseFloat(getComputedStyle(row.querySelector('.draft-title')!).lineHeight)) problems.push(`${name}: title ${title.height}px tall`)
      if (metaBox.top + 0.5 < title.bottom) problems.push(`${name}: meta line starts ${title.bottom - metaBox.top}px into the title`)
      if (metaBox.bottom > box.bottom + 0.5) problems.push(`${name}: meta line ends ${metaBox.bottom - box.bottom}px below the row`)
      for (const part of meta.children) {
        const partBox = part.getBoundingClientRect()
        if (partBox.height > metaBox.height + 0.5) problems.push(`${name}: ${part.className} ${partBox.height}px tall in a ${metaBox.height}px line`)
        // The status and the time are read whole; only the 栏目 may give way (…) in a narrow library.
        if (!part.classList.contains('draft-column-name') && (partBox.right > metaBox.right + 0.5 || part.scrollWidth > part.clientWidth + 1)) problems.push(`${name}: ${part.className} cut`)
      }
    }
    return problems
  })
}

const list = (page: Page) => page.getByRole('list', { name: '稿件列表' })
const titles = (page: Page) => list(page).locator('.draft-title').allTextContents()
const search = (page: Page) => page.getByRole('searchbox', { name: '搜索稿件' })
const library = (page: Page) => page.getByRole('complementary', { name: '稿件库' })

suite('library: search, filters, density', () => {
  let app: LaunchedApp | undefined
  let seeded: string
  beforeAll(async () => {
    seeded = await mkdtemp(join(tmpdir(), 'library-e2e-'))
    await seedLibrary(seeded)
  })
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('shows at least twelve drafts in a maximized window on a 1366×768 screen, each with its full title as a tooltip', async () => {
    app = await launchApp({ dataDir: seeded, viewport: { width: 1366, height: 650 } })
    const { page } = app
    // The first start on this folder reads every draft once (no list index yet): allow it the time.
    await expect.poll(() => list(page).locator('li').count(), { timeout: 60_000 }).toBeGreaterThan(12)
    const fullyVisible = await page.evaluate(() => {
      const scroller = document.querySelector('.library-scroller')!.getBoundingClientRect()
      return [...document.querySelectorAll('.draft-row')].filter((row) => {
        const box = row.getBoundingClientRect()
        return box.top >= scroller.top - 1 && box.bottom <= Math.min(scroller.bottom, window.innerHeight) + 1
      }).length
    })
    expect(fullyVisible).toBeGreaterThanOrEqual(12)
    // Virtual: a few hundred drafts, a few dozen rows in the page.
    expect(await list(page).locator('li').count()).toBeLessThan(60)
    const first = list(page).locator('.draft-open').first()
    expect(await first.getAttribute('title')).toBe((await first.locator('.draft-title').textContent())?.trim())
    // Each row's title line and its status, 栏目 and time line sit one above the other inside the row, at the
    // wide and the narrow layout (the editor's own rules must not reach the rows' class names).
    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 650 })
      expect(await rowLinesOverlap(page)).toEqual([])
    }
    // At 1024 px a 栏目 of four characters is read whole beside the status and the date (a draft of 2025: no clock,
    // which the time's tooltip gives).
    const metas = await page.evaluate(() =>
      [...document.querySelectorAll('.draft-row')].slice(0, 12).map((row) => {
        const column = row.querySelector<HTMLElement>('.draft-column-name')!
        const time = row.querySelector<HTMLElement>('.draft-time')!
        return { column: column.textContent, cut: column.scrollWidth > column.clientWidth + 1, time: time.textContent, whole: time.title }
      })
    )
    expect(metas.length).toBeGreaterThanOrEqual(12)
    for (const meta of metas) {
      expect(meta.cut, `${meta.column} cut`).toBe(false)
      expect(meta.time).toMatch(/^2025年\d+月\d+日$/)
      expect(meta.whole).toMatch(new RegExp(`^${meta.time} \\d\\d:\\d\\d$`))
    }
  })

  it('shows the sort, its direction and 筛选 whole beside 等我处理, in Chinese and English, at 1024 and 1366 px', async () => {
    // English first: the language is kept in the shared data folder, and the tests after this one read Chinese.
    for (const language of ['en', 'zh-CN'] as const) {
      app = await launchApp({ dataDir: seeded, settings: { language }, viewport: { width: 1024, height: 700 } })
      const { page } = app
      await expect.poll(() => page.locator('.draft-rows li').count(), { timeout: 60_000 }).toBeGreaterThan(5)
      for (const width of [1024, 1366]) {
        await page.setViewportSize({ width, height: 700 })
        const cut = await page.evaluate(() => {
          const problems: string[] = []
          const toolbar = document.querySelector('.library-toolbar')!
          const bounds = toolbar.getBoundingClientRect()
          const context = document.createElement('canvas').getContext('2d')!
          for (const control of toolbar.querySelectorAll<HTMLElement>('label, select, button')) {
            const box = control.getBoundingClientRect()
            if (box.left < bounds.left - 0.5 || box.right > bounds.right + 0.5) problems.push(`${control.className} outside the toolbar`)
            const style = getComputedStyle(control)
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
            const words = control instanceof HTMLSelectElement ? (control.selectedOptions[0]?.text ?? '') : (control.textContent ?? '')
            // A select also draws its arrow: about 16 px beside its words.
            const needed = context.measureText(words).width + (control instanceof HTMLSelectElement ? 16 : 0)
            if (control.clientWidth + 1 < needed) problems.push(`${control.className}: ${control.clientWidth}px for “${words}” (${Math.ceil(needed)}px)`)
          }
          return problems
        })
        expect(cut, `${language} at ${width}`).toEqual([])
      }
      await app.close()
      app = undefined
    }
  })

  it('asks for the first screen from the page’s first script, draws the list, and loads the editor’s code only then', async () => {
    app = await launchApp({ dataDir: seeded, viewport: { width: 1366, height: 650 } })
    const { page } = app
    await expect.poll(() => list(page).locator('li').count(), { timeout: 60_000 }).toBeGreaterThan(12)
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('newsroom:list-painted').length)).toBe(1)
    // The newest draft opens in the editor once its code is in; only then are all the start's requests made.
    await expect.poll(() => page.getByRole('textbox', { name: '正文' }).isVisible(), { timeout: 30_000 }).toBe(true)
    const start = await page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN
      const requested = (pattern: RegExp) =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => pattern.test(entry.name))
          .map((entry) => entry.startTime)
      return {
        asked: at('newsroom:list-asked'),
        appScriptRan: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
        rows: at('newsroom:list-rows'),
        painted: at('newsroom:list-painted'),
        editorRequested: requested(/\/DraftEditor-[^/]*\.js$/)
      }
    })
    // Deferred scripts run in the page's order and DOMContentLoaded waits for the app's: the question left first.
    expect(start.asked).toBeLessThan(start.appScriptRan)
    expect(start.painted).toBeGreaterThanOrEqual(start.rows)
    // The editor's code is fetched once, after the rows were in the page (the newest draft then opens in it).
    expect(start.editorRequested).toHaveLength(1)
    expect(start.editorRequested[0]).toBeGreaterThan(start.rows)
  })

  it('keeps Lexical, opencc-js, zod’s classic build and the model’s schemas out of the scripts the list needs, and everything out of the first one', async () => {
    const { readFile } = await import('node:fs/promises')
    const { RENDERER_DIR } = await import('./harness')
    const html = await readFile(join(RENDERER_DIR, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="\.\/([^"]+)"/g)].map((match) => match[1] as string)
    expect(scripts).toHaveLength(2)
    expect(scripts[0]).toMatch(/^assets\/early-[^/]+\.js$/)
    // What a script imports statically, and so what must load, compile and run before it runs.
    const closure = async (entry: string): Promise<Set<string>> => {
      const seen = new Set<string>()
      const visit = async (file: string) => {
        if (seen.has(file)) return
        seen.add(file)
        const code = await readFile(join(RENDERER_DIR, file), 'utf8')
        for (const match of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+\.js)["']/g)) await visit(`assets/${match[1]}`)
      }
      await visit(entry)
      return seen
    }
    // The source maps beside the files (electron-vite build writes them hidden) name the modules in each; the
    // bundler's own runtime chunk has none.
    const sources = async (files: Set<string>) => {
      const maps = await Promise.all(
        [...files].map(async (file) => {
          if (/^assets\/rolldown-runtime-[^/]+\.js$/.test(file)) return []
          return (JSON.parse(await readFile(join(RENDERER_DIR, `${file}.map`), 'utf8')) as { sources: string[] }).sources
        })
      )
      return maps.flat()
    }
    const early = await sources(await closure(scripts[0] as string))
    expect(early.filter((source) => source.includes('node_modules'))).toEqual([])
    const app = await sources(await closure(scripts[1] as string))
    expect(app.some((source) => source.includes('src/renderer/src/library/VirtualDraftList.tsx'))).toBe(true)
    expect(app.some((source) => source.includes('src/renderer/src/editor/DraftEditor.tsx'))).toBe(false)
    // Building zod schemas was most of the time the list's code took to run: the first screen reads constants and
    // defaults (settingsDefaults.ts, chainPresets.ts, statusNames.ts, roles.ts) and the kept view (zod mini).
    const schemaModules = ['src/shared/settings.ts', 'src/shared/model/chain.ts', 'src/shared/model/draft.ts', 'src/shared/article/schema.ts', 'src/shared/model/directory.ts', 'src/shared/model/workflow.ts', 'src/shared/library/query.ts']
    for (const name of ['node_modules/lexical/', 'node_modules/@lexical/', 'node_modules/opencc-js/', 'node_modules/dompurify/', 'node_modules/zod/v4/locales/', 'node_modules/zod/v4/classic/', ...schemaModules]) {
      expect(app.filter((source) => source.includes(name))).toEqual([])
    }
  })

  it('finds a draft by a few Chinese characters of its body, by a traditional query, and by a name only in its metadata', async () => {
    app = await launchApp({ dataDir: seeded })
    const { page } = app
    await search(page).fill('操场隆重')
    await expect.poll(() => titles(page)).toEqual([TARGET.title])
    await expect.poll(() => list(page).locator('mark').allTextContents()).toEqual(['操场隆重'])
    expect(await list(page).locator('.draft-snippet').textContent()).toContain('东操场隆重开幕')

    await search(page).fill('第三十屆秋季')
    await expect.poll(() => titles(page)).toEqual([TARGET.title])
    await expect.poll(() => list(page).locator('.draft-title mark').allTextContents()).toEqual(['第三十届秋季'])

    await search(page).fill('欧阳明月')
    await expect.poll(() => titles(page)).toEqual([PHOTO.title])
    await search(page).fill('oymy')
    await expect.poll(() => titles(page)).toEqual([PHOTO.title])

    // Typed one key at a time, as a person types, the answer follows each keystroke.
    await search(page).fill('')
    await search(page).pressSequentially('运动会在东')
    await expect.poll(() => titles(page)).toEqual([TARGET.title])
  })

  it('sends the filters’ values to the page once, not with every keystroke, and again when a draft changes them', async () => {
    type Query = { request: { knownChoices?: number }; answer: { ok: boolean; value: { ready: boolean; choices: { columns: string[] } | null; choicesRevision: number } } }
    const queries: Query[] = []
    app = await launchApp({ dataDir: seeded, onDispatch: (call) => void (call.channel === 'library:query' && queries.push(call as unknown as Query)) })
    const { page } = app
    // The first answer from the loaded index brings the values (before it, none: a first start here builds it).
    await search(page).fill('运')
    await expect.poll(() => queries.filter((query) => query.answer.ok && query.answer.value.ready).length, { timeout: 30_000 }).toBeGreaterThan(0)
    const first = queries.filter((query) => query.answer.ok && query.answer.value.ready)
    // Values come exactly when the question did not name them (questions sent before the first answer cannot).
    for (const query of first) expect(query.answer.value.choices === null).toBe(query.request.knownChoices === query.answer.value.choicesRevision)
    const revision = first[0]!.answer.value.choicesRevision
    queries.length = 0
    // Then every keystroke's question names them, and its answer leaves them out.
    await search(page).pressSequentially('动会在东')
    await expect.poll(() => titles(page)).toEqual([TARGET.title])
    expect(queries.length).toBeGreaterThanOrEqual(4)
    expect(queries[0]!.request.knownChoices).toBe(revision)
    // Left out every time, unless the index changed them meanwhile (its check of every draft after loading).
    const carried = queries.filter((query) => query.answer.value.choices !== null)
    expect(carried.length).toBeLessThanOrEqual(1)
    for (const query of queries) expect(query.answer.value.choices === null).toBe(query.request.knownChoices === query.answer.value.choicesRevision)
    // The page kept them: 筛选 offers every 栏目.
    await library(page).getByRole('button', { name: '筛选' }).click()
    const columns = () => library(page).getByLabel('栏目').locator('option').allTextContents()
    expect(await columns()).toEqual(['全部', '通知公告', '校园动态'])

    // A new 栏目 in a saved draft: the next answer brings the new values.
    await search(page).fill('')
    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await page.getByRole('textbox', { name: '标题', exact: true }).fill('媒体看我校')
    const column = page.getByRole('complementary', { name: '稿件信息' }).getByRole('combobox', { name: '栏目' })
    await column.fill('媒体关注')
    await column.blur()
    await page.keyboard.press('Control+s')
    await expect.poll(async () => (await app!.services.drafts().list('active')).drafts.some((draft) => draft.column === '媒体关注')).toBe(true)
    await search(page).fill('媒体看我校')
    await expect.poll(() => titles(page)).toEqual(['媒体看我校'])
    await expect.poll(columns).toEqual(['全部', '媒体关注', '通知公告', '校园动态'])
    expect(queries.filter((query) => query.answer.value.choices !== null).length).toBeGreaterThan(0)
    for (const query of queries) expect(query.answer.value.choices === null).toBe(query.request.knownChoices === query.answer.value.choicesRevision)
    const created = (await app.services.drafts().list('active')).drafts.find((draft) => draft.title === '媒体看我校')
    await app.services.drafts().trash(created!.id)
  })

  it('filters by status, 栏目 and 供稿单位, keeps filters and sort after a reload, and lists 等我处理', async () => {
    app = await launchApp({ dataDir: seeded })
    const { page } = app
    await library(page).getByRole('button', { name: '筛选' }).click()
    await library(page).getByLabel('状态').selectOption('awaiting:review')
    await library(page).getByLabel('栏目').selectOption('校园动态')
    await expect.poll(() => page.locator('.library-count').textContent()).toMatch(/找到 \d+ 篇/)
    const statuses = await list(page).locator('.status-chip').allTextContents()
    expect(new Set(statuses)).toEqual(new Set(['待审核']))
    const found = Number((await page.locator('.library-count').textContent())?.match(/\d+/)?.[0])
    // Seeded: status review is every fifth draft from n = 2, 校园动态 every even n → n ≡ 2 (mod 10).
    expect(found).toBe(LIBRARY_SIZE / 10)
    await library(page).getByLabel('排序方式').selectOption('title')

    // Kept in the renderer's storage, which Electron keeps in the profile across restarts.
    await page.reload()
    const again = page
    await expect.poll(() => again.locator('.library-count').textContent()).toBe(`找到 ${found} 篇`)
    expect(await library(again).getByLabel('排序方式').inputValue()).toBe('title')
    await library(again).getByRole('button', { name: '清除筛选' }).click()
    await library(again).getByLabel('供稿单位').selectOption('教务处')
    await expect.poll(() => again.locator('.library-count').textContent()).toBe(`找到 ${LIBRARY_SIZE / 3} 篇`)
    await library(again).getByRole('button', { name: '清除筛选' }).click()

    // 等我处理: 李校对 is the named proofreader of a draft waiting for proofreading.
    await library(again).getByLabel('排序方式').selectOption('updated')
    await library(again).getByRole('checkbox', { name: '等我处理' }).check()
    await expect.poll(() => again.getByText('在“设置”中填写“我的姓名”').count()).toBe(1)
    app.services.settings.update({ userName: '李校对' })
    await library(again).getByRole('checkbox', { name: '等我处理' }).uncheck()
    await library(again).getByRole('checkbox', { name: '等我处理' }).check()
    await search(again).fill('实验室开放日')
    await expect.poll(() => titles(again)).toEqual([PHOTO.title])
    // Waiting for proofreading too, but 王五 is its named proofreader.
    await search(again).fill('第三十届')
    await expect.poll(() => library(again).getByText('没有符合条件的稿件').count()).toBe(1)
    await search(again).fill('')
    await library(again).getByRole('checkbox', { name: '等我处理' }).uncheck()
  })

  it('filters by a person typed by name, offering the names in the drafts that hold what is typed', async () => {
    app = await launchApp({ dataDir: seeded })
    const { page } = app
    await library(page).getByRole('button', { name: '筛选' }).click()
    const person = library(page).getByRole('combobox', { name: '人员（任何角色）' })
    expect(await person.getAttribute('placeholder')).toBe('输入姓名')
    const offered = () => person.evaluate((input) => [...(input as HTMLInputElement).list!.options].map((option) => option.value))
    await expect.poll(offered).toEqual(expect.arrayContaining(['王五', '欧阳明月', '李校对']))

    // Part of a name narrows what is offered and filters nothing yet.
    await person.fill('欧阳')
    await expect.poll(offered).toEqual(['欧阳明月'])
    expect(await page.locator('.library-count').textContent()).toBe(`共 ${LIBRARY_SIZE + 2} 篇`)
    // The whole name filters at once: 欧阳明月 took the photos of one draft.
    await person.fill('欧阳明月')
    await expect.poll(() => titles(page)).toEqual([PHOTO.title])
    // A name in no draft, confirmed with Enter: nothing matches, and saying so.
    await person.fill('赵无名')
    await person.press('Enter')
    await expect.poll(() => library(page).getByText('没有符合条件的稿件').count()).toBe(1)
    await person.fill('')
    await expect.poll(() => page.locator('.library-count').textContent()).toBe(`共 ${LIBRARY_SIZE + 2} 篇`)
  })

  it('takes the date range as the office writes dates, on a computer whose own format is mm/dd/yyyy', async () => {
    app = await launchApp({ dataDir: seeded })
    const { page } = app
    await library(page).getByRole('button', { name: '筛选' }).click()
    const from = library(page).getByRole('textbox', { name: '最后编辑从' })
    const to = library(page).getByRole('textbox', { name: '到' })
    expect(await from.getAttribute('placeholder')).toBe('如：2025年3月1日')

    // The seeded drafts were last edited one an hour from 2025-03-01 10:00 (Beijing) on: 3月13日 holds the last ones.
    await from.fill('2025-3-13')
    await expect.poll(() => page.locator('.library-count').textContent()).toMatch(/找到 \d+ 篇/)
    const found = Number((await page.locator('.library-count').textContent())?.match(/\d+/)?.[0])
    expect(found).toBeGreaterThan(0)
    expect(found).toBeLessThan(30)
    for (const time of await list(page).locator('.draft-time').allTextContents()) expect(time).toMatch(/^2025年3月13日/)
    await from.blur()
    expect(await from.inputValue()).toBe('2025年3月13日')

    // Not a date: marked, and the list stays as it was.
    await to.fill('2025年2月30日')
    expect(await to.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('.library-count').textContent()).toBe(`找到 ${found} 篇`)
    await to.fill('２０２５年３月１２日')
    await expect.poll(() => library(page).getByText('没有符合条件的稿件').count()).toBe(1)
    expect(await to.getAttribute('aria-invalid')).toBe('false')

    await library(page).getByRole('button', { name: '清除筛选' }).click()
    await expect.poll(() => page.locator('.library-count').textContent()).toBe(`共 ${LIBRARY_SIZE + 2} 篇`)
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['', ''])
    await expect.poll(() => library(page).getByRole('button', { name: '从日历选择日期' }).count()).toBe(2)
  })

  it('reaches every action from the keyboard and scrolls a new draft into view', async () => {
    app = await launchApp({ dataDir: seeded, viewport: { width: 1366, height: 650 } })
    const { page } = app
    const firstRow = list(page).locator('.draft-open').first()
    await firstRow.focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset'))).toBe('3')
    await page.keyboard.press('Shift+F10')
    const menu = page.getByRole('menu')
    await expect.poll(() => menu.getByRole('menuitem').allTextContents()).toEqual(['重命名', '创建副本', '移到回收站'])
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('dialog').getByText('重命名稿件').count()).toBe(1)
    await page.getByRole('button', { name: '取消' }).click()

    // Scrolled to the bottom, then 新建稿件: the new draft (top of the list) is brought into view.
    await page.locator('.library-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight))
    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await expect.poll(() => page.locator('.draft-item-selected').count()).toBe(1)
    await expect.poll(() => page.locator('.library-scroller').evaluate((el) => el.scrollTop)).toBe(0)
    // Drawn and wholly inside the list's box, not only scrolled to.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const scroller = document.querySelector('.library-scroller')!.getBoundingClientRect()
          const row = document.querySelector('.draft-item-selected')?.getBoundingClientRect()
          return row !== undefined && row.height > 0 && row.top >= scroller.top - 1 && row.bottom <= scroller.bottom + 1
        })
      )
      .toBe(true)
    expect(await page.locator('.draft-item-selected .draft-title').textContent()).toBe('无标题稿件')
  })
})
