import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { captionsCsv, exportFolderName, photoFileName, windowsSafeName, WINDOWS_MAX_PATH } from '../../../src/main/services/publish/manual/photoExport'
import { createMemorySecretStore } from '../../../src/main/services/publish/secretStore'
import { handChanges, handPublishCopy } from '../../../src/shared/article/handPublish'
import type { Draft } from '../../../src/shared/model/draft'
import { ArticleMetadataSchema } from '../../../src/shared/model/metadata'
import { envelopeCode, envelopeValue } from '../../support/envelope'
import { makeTempDir } from '../../support/draftFixtures'
import { photo } from '../../support/publishFixtures'
import { schoolPageAround, startSchoolSite, type SchoolSite } from '../../support/schoolPages'

const el = { direction: null, format: '', indent: 0, version: 1 }
const text = (value: string, format = 0) => ({ detail: 0, format, mode: 'normal', style: '', text: value, type: 'text', version: 1 })
const paragraph = (...children: object[]) => ({ ...el, children, textFormat: 0, textStyle: '', type: 'paragraph' })
const heading = (value: string) => ({ ...el, children: [text(value)], tag: 'h2', type: 'heading' })
const item = (value: string, n: number) => ({ ...el, children: [text(value)], type: 'listitem', value: n })
const list = (...values: string[]) => ({ ...el, children: values.map((v, i) => item(v, i + 1)), listType: 'number', start: 1, tag: 'ol', type: 'list' })
const image = (assetId: string, caption: string, credit = '赵六') => ({ type: 'image', version: 1, assetId, caption, alt: '', credit, width: 'full', align: 'center' })
const gallery = (...images: { assetId: string; caption: string }[]) => ({ type: 'gallery', version: 1, images: images.map((i) => ({ alt: '', credit: '钱七', ...i })) })
const body = (...children: object[]) => ({ root: { ...el, children, type: 'root' } })

const A = `sha256-${'a'.repeat(64)}.jpg`
const B = `sha256-${'b'.repeat(64)}.png`
const C = `sha256-${'c'.repeat(64)}.jpg`
const metadata = ArticleMetadataSchema.parse({
  title: '学院召开“双高计划”推进会',
  subtitle: '对标任务 压实责任',
  sourceDepartment: '双高办',
  authors: ['张三', '王五'],
  photographers: ['赵六'],
  reviewer: '李四',
  publishAt: '2026-11-20T06:30:00Z',
  summary: '学院召开推进会。',
  tags: ['双高', '推进会']
})
const article = {
  metadata,
  body: body(
    paragraph(text('11月18日下午，学院召开推进会。')),
    heading('对标任务'),
    list('汇报建设任务', '研究下一步工作'),
    image(A, '推进会会议现场'),
    paragraph(text('院长强调'), text('<要>', 1), text('及时展示成效。')),
    gallery({ assetId: B, caption: '分组讨论' }, { assetId: C, caption: '合影' })
  )
}

describe('the hand-publish copy (what is pasted into UEditor, KindEditor, CKEditor 4)', () => {
  it('gives each field, and the body as styled paragraphs with numbered photo placeholders and the credit line last', () => {
    const copy = handPublishCopy(article)
    expect(copy.fields).toEqual([
      { field: 'title', value: '学院召开“双高计划”推进会' },
      { field: 'subtitle', value: '对标任务 压实责任' },
      { field: 'authors', value: '张三、王五' },
      { field: 'source', value: '双高办' },
      { field: 'photographers', value: '赵六' },
      { field: 'publishAt', value: '2026-11-20 14:30' },
      { field: 'summary', value: '学院召开推进会。' },
      { field: 'keywords', value: '双高,推进会' }
    ])
    const lines = copy.html.split('\n')
    expect(lines[0]).toBe('<p style="text-indent: 2em;">11月18日下午，学院召开推进会。</p>')
    expect(lines).toContain('<h2>对标任务</h2>')
    expect(lines).toContain('<li>汇报建设任务</li>')
    expect(lines).toContain('<p style="text-align: center;">【图1】</p>')
    expect(lines).toContain('<p style="text-align: center;">推进会会议现场</p>')
    expect(lines).toContain('<p style="text-indent: 2em;">院长强调<strong>&lt;要&gt;</strong>及时展示成效。</p>')
    expect(copy.html).toContain('<p style="text-align: center;">【图2】</p>\n<p style="text-align: center;">分组讨论</p>\n<p style="text-align: center;">【图3】</p>\n<p style="text-align: center;">合影</p>')
    expect(copy.html).not.toMatch(/<figure|<img|<figcaption/)
    expect(lines[lines.length - 1]).toMatch(/^<p style="text-align: right;">（.*张三.*）<\/p>$/)
    expect(copy.photos.map((p) => [p.number, p.assetId, p.caption])).toEqual([
      [1, A, '推进会会议现场'],
      [2, B, '分组讨论'],
      [3, C, '合影']
    ])
    expect(copy.text.split('\n\n').slice(0, 7)).toEqual(['　　11月18日下午，学院召开推进会。', '对标任务', '1. 汇报建设任务', '2. 研究下一步工作', '【图1】', '推进会会议现场', '　　院长强调<要>及时展示成效。'])
  })

  it('再次发布 lists the fields and paragraphs that changed since the last hand-publish', () => {
    const before = handPublishCopy(article)
    const edited = handPublishCopy({ ...article, metadata: { ...metadata, title: '学院召开推进会' }, body: body(paragraph(text('11月18日下午，学院召开建设推进会。'))) })
    const changes = handChanges(before, edited)
    expect(changes[0]).toEqual({ part: 'title', before: '学院召开“双高计划”推进会', after: '学院召开推进会' })
    expect(changes).toContainEqual({ part: 'body', before: '　　11月18日下午，学院召开推进会。', after: '' })
    expect(changes).toContainEqual({ part: 'body', before: '', after: '　　11月18日下午，学院召开建设推进会。' })
    expect(handChanges(before, before)).toEqual([])
  })
})

describe('the photo folder name (Windows rules) and the captions CSV', () => {
  it('keeps a Chinese title readable while removing what Windows forbids', () => {
    expect(windowsSafeName('学院召开"双高计划"推进会: 第1/2场?*')).toBe('学院召开＂双高计划＂推进会： 第1／2场？＊')
    expect(windowsSafeName('a<b>c|d\\e\u0001f')).toBe('a＜b＞c｜d＼e f')
    for (const reserved of ['CON', 'con', 'NUL.txt', 'COM1', 'lpt9', 'AUX ']) expect(windowsSafeName(reserved)).toMatch(/^_/)
    expect(windowsSafeName('CONSOLE')).toBe('CONSOLE')
    expect(windowsSafeName('新闻...  ')).toBe('新闻')
    expect(windowsSafeName('...')).toBe('_')
    // A character outside the BMP is two UTF-16 units and is never cut in half.
    expect(windowsSafeName('😀😀😀', 5)).toBe('😀😀')
  })

  it('names the folder by date and title within MAX_PATH under any parent, or refuses a parent too deep', () => {
    const parent = 'C:\\Users\\宣传部张三\\Desktop\\新闻照片'
    const name = exportFolderName(parent, '2026-11-20', '学院召开"双高计划"建设推进会'.repeat(20), '图片说明.csv'.length)
    expect(name?.startsWith('2026-11-20 学院召开＂双高计划＂')).toBe(true)
    expect((name?.length ?? 0) <= 80).toBe(true)
    const deep = `C:\\${'很长的文件夹名称\\'.repeat(24)}`
    const squeezed = exportFolderName(deep, '2026-11-20', '学院召开推进会', 8)
    expect(squeezed).not.toBeNull()
    expect(deep.length + (squeezed?.length ?? 0) + 1 + 8 + 1).toBeLessThanOrEqual(WINDOWS_MAX_PATH)
    expect(exportFolderName(`C:\\${'x'.repeat(245)}`, '2026-11-20', '学院召开推进会', 8)).toBeNull()
    expect(exportFolderName('/home/zhang', '2026-11-20', '   ', 8)).toBe('2026-11-20 无标题')
    expect(photoFileName(3, B)).toBe('图3.png')
  })

  it('writes the captions CSV with a BOM and CRLF, quoted where needed, never as an Excel formula', () => {
    const csv = captionsCsv([
      { number: 1, file: '图1.jpg', caption: '会议现场，"主席台"', credit: '赵六' },
      { number: 2, file: '图2.jpg', caption: '=HYPERLINK("http://evil")', credit: '@钱七' }
    ])
    expect(csv.startsWith('\uFEFF编号,文件名,图片说明,摄影\r\n')).toBe(true)
    expect(csv).toContain('图1,图1.jpg,"会议现场，""主席台""",赵六\r\n')
    expect(csv).toContain(`图2,图2.jpg,"'=HYPERLINK(""http://evil"")",'@钱七\r\n`)
  })
})

describe('hand-publishing through the app: export, the pasted address, the gate', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let site: SchoolSite
  let app: AppServices
  let chosen: string[] = []
  const shown: string[] = []
  const opened: string[] = []
  const context = { emit: () => undefined }

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-hand-'))
    site = await startSchoolSite()
    shown.length = 0
    opened.length = 0
    let now = Date.parse('2026-11-20T08:00:00Z')
    app = composeApp({
      userDataDir: join(dir, 'userData'),
      settingsStore: new Conf<Record<string, unknown>>({ cwd: join(dir, 'config'), projectName: 'newsroom-test' }),
      shell: { openExternal: async (url) => void opened.push(url), showInFolder: (path) => void shown.push(path) },
      appInfo: { version: '0.0.0-test', platform: 'linux', assetUrlBase: 'newsroom-asset://' },
      dialogs: { openFiles: async () => chosen, saveFile: async () => null },
      clock: { now: () => new Date((now += 10)) },
      secrets: createMemorySecretStore(),
      fetch
    })
  })
  afterEach(async () => {
    await site.close()
    await cleanup()
  })

  const call = (channel: string, request: unknown) => app.dispatch(channel, request, context)
  const value = envelopeValue
  const codeOf = envelopeCode

  async function approvedDraft(): Promise<Draft> {
    const draft = await app.drafts().create({ title: '学院召开推进会', column: '校园动态' })
    const { assetId } = await app.assets().importBytes(draft.id, await photo(77), 'photo.jpg')
    await app.drafts().save(draft.id, {
      title: '学院召开推进会',
      column: '校园动态',
      body: body(paragraph(text('11月18日下午，学院召开推进会。')), image(assetId, '推进会会议现场'), paragraph(text('会议要求及时展示成效。'))) as Draft['body']
    })
    return draft
  }

  it('refuses an address off the news site, refuses without approval, then records 已发布 and checks the live page', async () => {
    value(await call('publish:saveTarget', { target: { id: 'school', name: '学校新闻网', kind: 'manual', baseUrl: site.url, backEndUrl: 'https://cms.example.edu.cn/admin' } }))
    const draft = await approvedDraft()
    // 打开网站后台 opens only the address the target records; a target without one opens nothing.
    expect(value(await call('handPublish:openBackEnd', { targetId: 'school' }))).toEqual({ opened: true })
    expect(value(await call('handPublish:openBackEnd', { targetId: 'local' }))).toEqual({ opened: false })
    expect(opened).toEqual(['https://cms.example.edu.cn/admin'])
    // A compromised page cannot plant another scheme for main's shell to open as the back end.
    for (const backEndUrl of ['file:///C:/Windows/System32/calc.exe', 'ms-settings:privacy', 'javascript:alert(1)', '\\\\server\\share\\x.exe']) {
      expect(codeOf(await call('publish:saveTarget', { target: { id: 'school', name: '学校新闻网', kind: 'manual', baseUrl: site.url, backEndUrl } })), backEndUrl).toBe('invalid-request')
    }
    expect(value(await call('handPublish:openBackEnd', { targetId: 'school' }))).toEqual({ opened: true })
    expect(opened).toEqual(['https://cms.example.edu.cn/admin', 'https://cms.example.edu.cn/admin'])
    const copy = value(await call('handPublish:copy', { draftId: draft.id, targetId: 'school' })) as { copy: { html: string; text: string }; changes: unknown }
    expect(copy.changes).toBeNull()
    const page = schoolPageAround('vsb', { title: '学院召开推进会', content: copy.copy.html.replace('【图1】', '<img src="/__local/1.jpg">') })
    site.serve(page.path, page)
    const address = `${site.url}${page.path}`

    // Without the sign-offs 先审后发 needs, nothing is recorded.
    expect(codeOf(await call('handPublish:recordAddress', { draftId: draft.id, targetId: 'school', url: address }))).toBe('approval-required')
    expect((await app.publishing.records(draft.id)).targets.school).toBeUndefined()
    app.settings.update({ requireApproval: false })
    const current = await app.drafts().open(draft.id)
    const signOff = { name: '张编辑', revision: current.revision }
    // Only the target's news site is read: another host, file: and a page's own suggestion are refused.
    for (const url of ['http://evil.example/info/1.htm', 'file:///etc/passwd', `${site.url.replace('127.0.0.1', 'localhost')}${page.path}`]) {
      expect(codeOf(await call('handPublish:recordAddress', { draftId: draft.id, targetId: 'school', url, signOff })), url).toBe('invalid-request')
    }
    const answer = value(await call('handPublish:recordAddress', { draftId: draft.id, targetId: 'school', url: address, signOff })) as { report: { verdict: string; family: string; baselineToAccept: unknown }; signOffError: unknown }
    expect(answer).toMatchObject({ report: { verdict: 'ok', family: 'vsb' }, signOffError: null })
    expect(answer.report.baselineToAccept).not.toBeNull()
    expect((await app.drafts().open(draft.id)).status).toBe('published')
    expect((await app.publishing.records(draft.id)).targets.school).toMatchObject({ remoteUrl: address })

    // 再次发布: an edit shows what changed since the hand-publish.
    await app.drafts().save(draft.id, { title: '学院召开建设推进会', column: '校园动态', body: current.body })
    const again = value(await call('handPublish:copy', { draftId: draft.id, targetId: 'school' })) as { changes: { part: string }[]; lastAddress: string }
    expect(again.lastAddress).toBe(address)
    expect(again.changes.map((c) => c.part)).toEqual(['title'])
  })

  it('exports the photos and the captions CSV into a folder named by date and title inside the folder main chose', async () => {
    const draft = await approvedDraft()
    chosen = [join(dir, 'exports')]
    const exported = value(await call('handPublish:exportPhotos', { draftId: draft.id })) as { folder: string; photos: number }
    expect(exported.photos).toBe(1)
    expect(exported.folder.startsWith(join(dir, 'exports'))).toBe(true)
    expect(exported.folder).toMatch(/\d{4}-\d{2}-\d{2} 学院召开推进会$/)
    expect((await readdir(exported.folder)).sort()).toEqual(['图1.jpg', '图片说明.csv'])
    expect(await readFile(join(exported.folder, '图片说明.csv'), 'utf8')).toContain('图1,图1.jpg,推进会会议现场,赵六')
    expect(shown).toEqual([exported.folder])
    const second = value(await call('handPublish:exportPhotos', { draftId: draft.id })) as { folder: string }
    expect(second.folder).toBe(`${exported.folder} (2)`)
    chosen = []
    expect(value(await call('handPublish:exportPhotos', { draftId: draft.id }))).toEqual({ folder: null, photos: 0 })
  })
})
