/// <reference lib="dom" />
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { HandlerContext } from '../../src/main/ipc/dispatch'
import { articleOf } from '../../src/shared/article/articleOf'
import { sanitizeArticleBody } from '../../src/shared/article/schema'
import { articleToPlainText } from '../../src/shared/article/toHtml'
import { SEED, seedArticle } from '../support/outputFixtures'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] Word round trip skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

suite('导出 Word, then 导入 Word 文档: the same article again', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('title, column, people, body text, heading, list, link and each photo with its caption come back', async () => {
    app = await launchApp()
    const current = app
    const original = await seedArticle(current.services)
    const file = join(current.dataDir, '..', `${original.id}-roundtrip.docx`)
    current.dialogs.answerSave(file)
    const context: HandlerContext = { emit: (channel, payload) => channel === 'app:flushRequest' && current.services.flush.answer((payload as { requestId: string }).requestId, true) }
    expect(await current.services.dispatch('export:docx', { draftId: original.id }, context)).toMatchObject({ ok: true })

    await current.page.getByRole('button', { name: '新建稿件' }).first().waitFor()
    current.dialogs.answerOpen([file])
    await current.page.getByRole('button', { name: '导入 Word 文档' }).click()
    await expect.poll(() => current.dialogs.asked.filter((entry) => entry.purpose === 'docx' && entry.kind === 'open').length).toBe(1)
    await expect.poll(async () => (await current.services.drafts().list('active')).drafts.length, { timeout: 20_000 }).toBe(2)
    const importedId = (await current.services.drafts().list('active')).drafts.find((draft) => draft.id !== original.id)?.id ?? ''
    await expect.poll(async () => sanitizeArticleBody((await current.services.drafts().open(importedId)).body).body.root.children.length, { timeout: 20_000 }).toBeGreaterThan(0)
    const imported = await current.services.drafts().open(importedId)

    expect(imported).toMatchObject({ title: SEED.title, column: SEED.column })
    const { proofreader: _p, reviewer: _r, coverAssetId: _c, ...people } = original.metadata
    expect(imported.metadata).toMatchObject(people)
    // What a reader sees, header and captions included (校对/审核 come from signing the new draft off).
    const text = (draft: typeof original) => articleToPlainText(articleOf(draft), { header: true, creditLine: false })
    expect(text(imported)).toBe(text(original))
    const shape = (draft: typeof original) =>
      sanitizeArticleBody(draft.body).body.root.children.map((block) => (block.type === 'image' ? `image:${block.caption}` : block.type === 'heading' ? `heading:${block.tag}` : block.type === 'list' ? `list:${block.listType}` : block.type))
    expect(shape(imported)).toEqual(shape(original))
    expect(JSON.stringify(imported.body)).toContain(SEED.linkUrl)
  })
})
