import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPublisher } from '../../../src/main/services/publish/publisher'
import { checkLivePage } from '../../../src/main/services/publish/livePage/check'
import { createMemorySecretStore } from '../../../src/main/services/publish/secretStore'
import { PublishTargetSchema, type PublishTarget } from '../../../src/shared/model/publish'
import { makeTempDir, steppingClock } from '../../support/draftFixtures'
import { campusArticle, createFixtureLibrary, photo } from '../../support/publishFixtures'

describe('the local site target', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>
  let library: ReturnType<typeof createFixtureLibrary>
  let target: PublishTarget
  beforeEach(async () => {
    temp = await makeTempDir('newsroom-local-site-')
    library = createFixtureLibrary(join(temp.dir, 'library'))
    target = PublishTargetSchema.parse({ id: 'local', name: '本地网站', kind: 'local', folder: join(temp.dir, 'site') })
  })
  afterEach(async () => {
    await temp.cleanup()
  })
  const publisher = () =>
    createPublisher({
      fetch: () => Promise.reject(new Error('the local site needs no network')),
      secrets: createMemorySecretStore(),
      clock: steppingClock(),
      siteCss: () => Promise.resolve('.news-article { color: #222 }'),
      ...library.deps()
    })

  it('writes index.html in the site style, the pictures and article.json; the live check passes', async () => {
    const photos = await Promise.all([1, 2, 3].map((n) => photo(n)))
    const { assetIds } = await library.add('draft-local-1', {
      title: campusArticle.title,
      paragraphs: campusArticle.paragraphs,
      photos: photos.map((bytes, index) => ({ bytes, caption: campusArticle.captions[index] ?? '' })),
      metadata: campusArticle.metadata
    })
    const result = await publisher().publish({ draftId: 'draft-local-1', target })
    const folder = join(temp.dir, 'site', '2026-11-02-学校召开“双高计划”建设推进会')
    expect(result).toMatchObject({ status: 'local', created: true, imagesUploaded: 3 })
    expect(result.remoteUrl).toBe(pathToFileURL(join(folder, 'index.html')).href)
    expect(result.verification).toMatchObject({ ok: true, findings: [] })
    const page = await readFile(join(folder, 'index.html'), 'utf8')
    expect(page).toContain('.news-article { color: #222 }')
    expect(page).toContain(`<h1>${campusArticle.title}</h1>`)
    for (const [index, assetId] of assetIds.entries()) {
      const name = `0${String(index + 1)}-${campusArticle.captions[index] ?? ''}.jpg`
      expect(page).toContain(`<img src="images/${encodeURIComponent(name)}"`)
      expect(await readFile(join(folder, 'images', name))).toEqual(photos[index])
      expect(assetId).toMatch(/^sha256-/)
    }
    const json = JSON.parse(await readFile(join(folder, 'article.json'), 'utf8')) as { metadata: { title: string }; images: unknown[] }
    expect(json.metadata.title).toBe(campusArticle.title)
    expect(json.images).toHaveLength(3)
  })

  it('publishing again replaces the page whole: a removed picture is gone, nothing is left beside it', async () => {
    const photos = await Promise.all([4, 5].map((n) => photo(n)))
    await library.add('draft-local-2', { title: '第一版', paragraphs: ['一', '二'], photos: photos.map((bytes) => ({ bytes, caption: '图' })) })
    await publisher().publish({ draftId: 'draft-local-2', target })
    library.update('draft-local-2', (draft) => ({ ...draft, title: '第二版', body: { root: { ...draft.body?.root, type: 'root', children: (draft.body?.root.children ?? []).slice(0, 2) } } }))
    const again = await publisher().publish({ draftId: 'draft-local-2', target })
    expect(again.created).toBe(false)
    // The address stays the first one: links to the article keep working after its title changed.
    const folder = join(temp.dir, 'site', '2026-11-02-第一版')
    expect(await readdir(join(folder, 'images'))).toHaveLength(1)
    expect((await readdir(join(temp.dir, 'site'))).sort()).toEqual(['2026-11-02-第一版', 'index.html'])
    expect(await readFile(join(folder, 'index.html'), 'utf8')).toContain('<h1>第二版</h1>')
    const record = await publisher().records.read('draft-local-2', 'local')
    expect(record.lastSent?.title).toBe('第二版')
  })
})

describe('the live-page check', () => {
  const sent = { title: '运动会开幕', html: '<p>第一段 "引号" -- 破折号...</p>\n<figure><img src="https://site/a.jpg" alt=""><figcaption>开幕式现场</figcaption></figure>\n<p><a href="https://www.example.edu.cn/">学校主页</a></p>' }
  const page = (area: string) => `<html><head><title>运动会开幕</title><script src="/theme.js"></script></head><body><h1>运动会开幕</h1><div class="entry-content wp-block-post-content"><div>${area}</div></div><footer><a href="https://wordpress.org/">WordPress</a></footer></body></html>`

  it('accepts the page WordPress made of what we sent, typographic quotes and all', () => {
    const rendered = '<p>第一段 &#8220;引号&#8221; &#8212; 破折号&#8230;</p><figure><img src="https://site/a.jpg" alt="" loading="lazy"><figcaption>开幕式现场</figcaption></figure><p><a href="https://www.example.edu.cn/">学校主页</a></p>'
    // texturize turns "--" into an en or em dash depending on spacing; our normalising maps both to "-".
    expect(checkLivePage(page(rendered), sent)).toEqual([])
    expect(checkLivePage(page(rendered.replace('&#8212;', '&#8211;')), sent)).toEqual([])
  })

  it('flags what we did not send and what is missing', () => {
    const tampered = '<p>第一段 "引号" -- 破折号...</p><p><a href="https://www.example.edu.cn/">学校主页</a> <a href="https://spam.example/">便宜</a></p><script>steal()</script><iframe src="https://ads.example/"></iframe>'
    expect(checkLivePage(page(tampered), sent)).toEqual([
      { kind: 'missing-caption', detail: '开幕式现场' },
      { kind: 'missing-image', detail: '1 → 0' },
      { kind: 'foreign-link', detail: 'https://spam.example/' },
      { kind: 'foreign-script', detail: 'inline script' },
      { kind: 'foreign-iframe', detail: 'https://ads.example/' }
    ])
    expect(checkLivePage('<html><body><p>nothing</p></body></html>', sent).map((f) => f.kind)).toEqual(['missing-title', 'no-article-area'])
  })
})
