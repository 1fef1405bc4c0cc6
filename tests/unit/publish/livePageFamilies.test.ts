import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verdictOf } from '../../../src/main/services/publish/livePage/check'
import { createInlineLivePageChecker } from '../../../src/main/services/publish/livePage/checker'
import { createPublisher } from '../../../src/main/services/publish/publisher'
import { createMemorySecretStore } from '../../../src/main/services/publish/secretStore'
import { CmsTargetSchema } from '../../../src/shared/model/publish'
import { makeTempDir } from '../../support/draftFixtures'
import { createFixtureLibrary } from '../../support/publishFixtures'
import { approvedArticle, CHALLENGES, SCHOOL_FAMILIES, schoolPage, startSchoolSite, TAMPERINGS, type ChallengeName, type SchoolPage } from '../../support/schoolPages'

const checker = createInlineLivePageChecker()
const pageUrl = (page: SchoolPage) => `http://news.example.edu.cn${page.path}`
const inspect = (page: SchoolPage, baseline: { links: string[]; scripts: string[] } | null = null) =>
  checker.check({ bytes: page.bytes, contentType: page.contentType, sent: approvedArticle, context: { status: page.status, pageUrl: pageUrl(page), baseline } })

const ENCODINGS = [
  { encoding: 'utf-8', headerCharset: true },
  { encoding: 'gbk', headerCharset: true },
  { encoding: 'gbk', headerCharset: false }
] as const

/** The kinds each tampering must raise, and nothing else. */
const EXPECTED: Record<(typeof TAMPERINGS)[number], string[]> = {
  'spam-block': ['new-outside-link'],
  'changed-paragraph': ['missing-paragraph'],
  'injected-script': ['foreign-script'],
  'injected-footer-script': ['new-outside-script'],
  'removed-photo': ['missing-caption', 'missing-image']
}

describe('the live-page check on school platforms (VSB, WebPlus, JCMS, WordPress)', () => {
  for (const family of SCHOOL_FAMILIES) {
    for (const options of ENCODINGS) {
      const label = `${family} ${options.encoding}${options.headerCharset ? '' : ' (meta tag only)'}`

      it(`${label}: finds the article area, reads the page in its encoding, and raises no alarm on the untampered page`, async () => {
        const clean = schoolPage(family, 'clean', options)
        const first = await inspect(clean)
        expect(first.family).toBe(family)
        expect(first.findings).toEqual([])
        // The template's own outside links (友情链接, 备案, 统计) and platform scripts make up the baseline.
        expect(first.outside.links).toEqual(expect.arrayContaining(['http://www.moe.gov.cn/', 'https://beian.miit.gov.cn/']))
        expect(first.outside.links.some((link) => link.includes('example.edu.cn'))).toBe(false)
        if (family === 'vsb') expect(first.outside.scripts).toEqual(expect.arrayContaining([expect.stringMatching(/^inline: _showDynClicks/), 'script: http://news.example.edu.cn/system/resource/js/counter.js']))
        expect((await inspect(clean, first.outside)).findings).toEqual([])
      })

      it(`${label}: each tampering is classified as what it is`, async () => {
        const { outside } = await inspect(schoolPage(family, 'clean', options))
        for (const tampering of TAMPERINGS) {
          const { findings } = await inspect(schoolPage(family, tampering, options), outside)
          expect([...new Set(findings.map((f) => f.kind))], tampering).toEqual(EXPECTED[tampering])
          expect(verdictOf(findings)).toBe('changed')
          if (tampering === 'spam-block') expect(findings.length).toBe(40)
          if (tampering === 'changed-paragraph') expect(findings[0]?.detail).toContain('党委书记')
          if (tampering === 'injected-script') expect(findings[0]?.detail).toBe('https://cdn.evil-stats.example/t.js')
        }
      })
    }
  }

  it('a GBK page read as UTF-8 would lose every paragraph: the declared charset is what makes it pass', async () => {
    const gbk = schoolPage('vsb', 'clean', { encoding: 'gbk', headerCharset: true })
    const misread = await checker.check({ bytes: gbk.bytes, contentType: 'text/html; charset=utf-8', sent: approvedArticle })
    expect(misread.findings.filter((f) => f.kind === 'missing-paragraph').length).toBeGreaterThan(2)
  })

  it('a page of no known family falls back to the smallest block holding the article', async () => {
    const html = `<html><head><title>${approvedArticle.title}</title></head><body><div id="nav"><a href="https://ads.example/">广告</a></div><div id="main"><div class="detail"><h1>${approvedArticle.title}</h1>${approvedArticle.html}</div></div><div class="side"><script src="https://widgets.example/w.js"></script></div></body></html>`
    const result = await checker.check({ bytes: new TextEncoder().encode(html), contentType: 'text/html; charset=utf-8', sent: approvedArticle, context: { pageUrl: 'https://www.school.example/a.html' } })
    expect(result.family).toBe('generic')
    expect(result.findings).toEqual([])
    expect(result.outside).toEqual({ links: ['https://ads.example/'], scripts: ['script: https://widgets.example/w.js'] })
  })

  for (const name of Object.keys(CHALLENGES) as ChallengeName[]) {
    it(`a WAF/JavaScript challenge (${name}) is 无法检查（被网站拦截）, never tampered, even against a baseline`, async () => {
      const { outside } = await inspect(schoolPage('vsb', 'clean'))
      const challenge = CHALLENGES[name]
      const page = { status: challenge.status, contentType: 'text/html; charset=utf-8', bytes: new TextEncoder().encode(challenge.html), path: '/info/1002/1184.htm' }
      const { findings } = await inspect(page, outside)
      expect(findings.map((f) => f.kind)).toEqual(['blocked'])
      expect(verdictOf(findings)).toBe('blocked')
    })
  }

  it('an article that mentions a WAF product by name is still checked as an article', async () => {
    const sent = { title: approvedArticle.title, html: `${approvedArticle.html}<p>网络中心部署了安全狗网站防火墙。</p>` }
    const html = new TextDecoder().decode(schoolPage('webplus', 'clean').bytes).replace('（文/宣传部', '<p>网络中心部署了安全狗网站防火墙。</p>（文/宣传部')
    const result = await checker.check({ bytes: new TextEncoder().encode(html), contentType: 'text/html; charset=utf-8', sent })
    expect(result.findings).toEqual([])
  })
})

describe('the baseline through the real publisher and HTTP client', () => {
  let site: Awaited<ReturnType<typeof startSchoolSite>>
  let temp: Awaited<ReturnType<typeof makeTempDir>>
  beforeAll(async () => {
    site = await startSchoolSite()
    temp = await makeTempDir('newsroom-livepage-')
  })
  afterAll(async () => {
    await site.close()
    await temp.cleanup()
  })

  it('is taken at the first check, shown until accepted, then only what is new is flagged; a challenge is blocked', async () => {
    const library = createFixtureLibrary(temp.dir)
    await library.add('draft-live-1', { title: approvedArticle.title, paragraphs: ['一段'], photos: [] })
    const target = CmsTargetSchema.parse({ id: 'school-vsb', name: '学校网站', kind: 'cms', baseUrl: site.url })
    let now = Date.parse('2026-11-20T03:00:00Z')
    const publisher = createPublisher({ fetch, secrets: createMemorySecretStore(), clock: { now: () => new Date((now += 60_000)) }, timeoutMs: 5000, ...library.deps() })
    const clean = schoolPage('vsb', 'clean', { encoding: 'gbk', headerCharset: false })
    await publisher.records.update('draft-live-1', target.id, (record) => ({ ...record, remoteUrl: `${site.url}${clean.path}`, lastSent: { title: approvedArticle.title, content: approvedArticle.html } }))
    site.serve(clean.path, clean)

    const first = await publisher.verify('draft-live-1', target)
    expect(first).toMatchObject({ verdict: 'ok', ok: true, family: 'vsb' })
    expect(first.baselineToAccept?.links).toContain('http://www.moe.gov.cn/')
    expect((await publisher.verify('draft-live-1', target)).baselineToAccept).toEqual(first.baselineToAccept)
    expect(await publisher.acceptBaseline('draft-live-1', target)).toBe(true)
    const accepted = await publisher.verify('draft-live-1', target)
    expect(accepted).toMatchObject({ verdict: 'ok', baselineToAccept: null })
    expect((await publisher.records.read('draft-live-1', target.id)).liveBaseline?.acceptedAt).not.toBeNull()

    site.serve(clean.path, schoolPage('vsb', 'spam-block', { encoding: 'gbk', headerCharset: false }))
    const spammed = await publisher.verify('draft-live-1', target)
    expect(spammed.verdict).toBe('changed')
    expect(spammed.findings).toHaveLength(40)

    site.serve(clean.path, { status: CHALLENGES.jiasule.status, contentType: 'text/html', bytes: new TextEncoder().encode(CHALLENGES.jiasule.html) })
    expect(await publisher.verify('draft-live-1', target)).toMatchObject({ verdict: 'blocked', findings: [{ kind: 'blocked', detail: 'JavaScript challenge' }] })
    site.serve(clean.path, { status: 404, contentType: 'text/html', bytes: new TextEncoder().encode('<h1>404</h1>') })
    expect(await publisher.verify('draft-live-1', target)).toMatchObject({ verdict: 'unchecked', findings: [{ kind: 'unreachable' }] })
  })
})
