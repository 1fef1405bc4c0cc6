/// <reference lib="dom" />
import { spawnSync } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { NewsroomBridge } from '../../src/shared/ipc/api'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { defined } from '../support/draftFixtures'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

/** poppler-utils reads the PDF back; without it only the PDF header is checked. */
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0
if (!unavailable && !hasPoppler) console.warn('[e2e] approval PDF text checks skipped: pdftotext not found (apt-get install -y poppler-utils)')
const withPoppler = hasPoppler ? it : it.skip

const TITLE = '我校举行第十届秋季运动会'

/** What the preload puts on window: every method answers an envelope. */
type Win = { newsroom: NewsroomBridge }

suite('稿件审批单 as PDF', () => {
  let app: LaunchedApp | undefined
  let out: string
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'newsroom-approval-'))
  })
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(async () => {
    await shutdownBrowser()
    await rm(out, { recursive: true, force: true })
  })

  /** Write → submit → proofread → review, all through the page's API, then print the form. */
  async function approvedDraftPdf(target: string): Promise<{ draftId: string; path: string }> {
    app = await launchApp()
    // Wide enough for 发布前检查's minimum photo width (800 px by default): the gate would refuse a thumbnail.
    const png = await sharp({ create: { width: 1200, height: 750, channels: 3, background: '#1e6fd9' } })
      .png()
      .toBuffer()
    app.dialogs.answerSave(target)
    return app.page.evaluate(
      async ({ title, base64 }) => {
        const api = (window as unknown as Win).newsroom
        const value = async <T>(answer: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> => {
          const envelope = await answer
          if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
          return envelope.value as T
        }
        const draft = await value<{ id: string }>(api.drafts.create({}))
        const asset = await value<{ assetId: string }>(api.assets.import({ draftId: draft.id, source: { kind: 'bytes', name: '开幕式.png', base64 } }))
        await value(api.drafts.save({
          id: draft.id,
          content: {
            title,
            column: '校园动态',
            body: {
              root: {
                type: 'root',
                children: [
                  { type: 'paragraph', children: [{ type: 'text', text: '11月20日上午，我校第十届秋季运动会在田径场隆重开幕。' }] },
                  { type: 'image', assetId: asset.assetId, caption: '开幕式现场', alt: '开幕式', credit: '赵六', width: 'full', align: 'center' }
                ]
              }
            },
            metadata: {
              column: '',
              title: '',
              subtitle: '',
              sourceDepartment: '体育部',
              editor: '张编辑',
              authors: ['王小明'],
              photographers: ['赵六'],
              proofreader: '',
              reviewer: '',
              publishAt: null,
              summary: '',
              tags: [],
              coverAssetId: null
            }
          }
        }))
        await value(api.workflow.submit({ draftId: draft.id, name: '张编辑' }))
        await value(api.workflow.sign({ draftId: draft.id, stepId: 'proofread', name: '李四', comment: '已校对，无误' }))
        await value(api.workflow.sign({ draftId: draft.id, stepId: 'review', name: '王五', comment: '同意发布' }))
        const result = await value<{ path: string } | { cancelled: true }>(api.approval.exportPdf({ draftId: draft.id }))
        if (!('path' in result)) throw new Error('the save dialog was cancelled')
        return { draftId: draft.id, path: result.path }
      },
      { title: TITLE, base64: png.toString('base64') }
    )
  }

  it('writes an A4 PDF where the save dialog pointed', async () => {
    const target = join(out, '审批单.pdf')
    const { path } = await approvedDraftPdf(target)
    expect(path).toBe(target)
    const pdf = await readFile(target)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(app?.dialogs.asked).toEqual([{ kind: 'save', purpose: 'pdf' }])
  })

  withPoppler('prints the Chinese title, the sign-offs, the article and its photo, in real CJK glyphs', async () => {
    const target = join(out, 'form-text.pdf')
    await approvedDraftPdf(target)
    // Page 1 as a picture, kept where APPROVAL_PREVIEW_DIR says, to look at the glyphs.
    const png = join(out, 'page')
    expect(spawnSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', target, png]).status).toBe(0)
    const preview = process.env['APPROVAL_PREVIEW_DIR']
    if (preview) {
      await mkdir(preview, { recursive: true })
      await copyFile(target, join(preview, 'approval.pdf'))
      await copyFile(`${png}-1.png`, join(preview, 'approval-page1.png'))
    }
    const text = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', target, '-'], { encoding: 'utf8' }).stdout
    for (const expected of ['稿件审批单', TITLE, '体育部', '张编辑', '王小明', '李四', '已校对，无误', '王五', '同意发布', '开幕式现场（摄影：赵六）', '秋季运动会在田径场隆重开幕']) {
      expect(text).toContain(expected)
    }
    expect(text).toMatch(/图片数\s+1/)
    // As offices file it: page 1 holds the details, the chain's sign-offs with their opinions and states, and
    // the lines for handwritten signatures; the article starts on the next page.
    const first = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', '1', '-l', '1', target, '-'], { encoding: 'utf8' }).stdout
    for (const expected of ['稿件信息', '审签环节', '已校对，无误', '同意发布', '输入姓名', '供稿人签字', '编辑签字', '校对签字', '审核签字']) expect(first).toContain(expected)
    expect(first).not.toContain('秋季运动会在田径场隆重开幕')
    const second = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', '2', '-l', '2', target, '-'], { encoding: 'utf8' }).stdout
    expect(second).toContain('稿件正文')
    const info = spawnSync('pdfinfo', [target], { encoding: 'utf8' }).stdout
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/)
    // Every font travels inside the file, so the reviewer's computer needs no Chinese font to read it.
    const fonts = spawnSync('pdffonts', [target], { encoding: 'utf8' }).stdout.trim().split('\n').slice(2)
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) expect(font).toMatch(/\syes\s+(?:yes|no)\s+(?:yes|no)\s+\d+\s+\d+$/)
    const images = spawnSync('pdfimages', ['-list', target], { encoding: 'utf8' }).stdout
    expect(images.trim().split('\n').length).toBeGreaterThanOrEqual(3)
  })

  withPoppler('after an edit drops the approval and it is given again, the form shows both rounds', async () => {
    const target = join(out, 'second-round.pdf')
    const { draftId } = await approvedDraftPdf(join(out, 'first-round.pdf'))
    const page = defined(app).page
    defined(app).dialogs.answerSave(target)
    const status = await page.evaluate(
      async ({ draftId }) => {
        const api = (window as unknown as Win).newsroom
        const value = async <T>(answer: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> => {
          const envelope = await answer
          if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
          return envelope.value as T
        }
        type State = { status: string; allowedActions: string[]; nextStep: { id: string } | null }
        const draft = await value<{ title: string; column: string; body: unknown }>(api.drafts.open({ id: draftId }))
        await value(api.drafts.save({ id: draftId, content: { title: draft.title, column: draft.column, body: { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: '11月20日上午，第十届秋季运动会开幕，三千名师生参加。' }] }] } } } }))
        const dropped = (await value<State>(api.workflow.get({ draftId }))).status
        const signers = { submit: '张编辑', proofread: '李四', review: '王五' } as const
        for (let step = 0; step < 5; step += 1) {
          const state = await value<State>(api.workflow.get({ draftId }))
          if (state.status === 'approved') break
          const step = state.allowedActions.includes('submit') ? 'submit' : (state.nextStep?.id as 'proofread' | 'review' | undefined)
          if (!step) throw new Error(`stuck in ${state.status}`)
          if (step === 'submit') await value(api.workflow.submit({ draftId, name: signers.submit }))
          else await value(api.workflow.sign({ draftId, stepId: step, name: signers[step], comment: step === 'review' ? '修改后同意发布' : '' }))
        }
        await value(api.approval.exportPdf({ draftId }))
        return dropped
      },
      { draftId }
    )
    expect(status).not.toBe('approved')
    const text = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', target, '-'], { encoding: 'utf8' }).stdout
    expect(text).toContain('三千名师生参加')
    // The full sign-off record after the article (a step, a name, then a date): the first round invalid, the
    // second valid; each a typed name, as signed without keys.
    const rows = text
      .slice(text.indexOf('审签记录（全部）'))
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^(校对|审核)\s+\S+\s+\d{4}年/.test(line))
    expect(rows.every((line) => line.endsWith('输入姓名'))).toBe(true)
    expect(rows.map((line) => [line.slice(0, 2), line.includes('已失效') ? '已失效' : line.includes('有效') ? '有效' : line])).toEqual([
      ['校对', '已失效'],
      ['审核', '已失效'],
      ['校对', '有效'],
      ['审核', '有效']
    ])
    expect(rows[3]).toContain('修改后同意发布')
  })

  it('renders a hostile title and comment as text, never as markup', async () => {
    app = await launchApp()
    const html = await app.page.evaluate(async () => {
      const api = (window as unknown as Win).newsroom
      const value = async <T>(answer: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> => {
        const envelope = await answer
        if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
        return envelope.value as T
      }
      const draft = await value<{ id: string }>(api.drafts.create({}))
      await value(api.drafts.save({ id: draft.id, content: { title: '<img src=x onerror="alert(1)">标题</td>', column: '', body: null } }))
      await value(api.workflow.submit({ draftId: draft.id, name: '张编辑', comment: '<script>alert(1)</script>' }))
      return (await value<{ html: string }>(api.approval.formHtml({ draftId: draft.id }))).html
    })
    const page = await app.page.context().newPage()
    await page.setContent(html)
    const seen = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      images: document.querySelectorAll('img').length,
      title: document.querySelector('table.fields td')?.textContent,
      comment: document.querySelector('table.signoffs tbody tr td:nth-child(4)')?.textContent
    }))
    await page.close()
    expect(seen).toEqual({ scripts: 0, images: 0, title: '<img src=x onerror="alert(1)">标题</td>', comment: '<script>alert(1)</script>' })
  })
})
