import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSiteStyles, CUSTOM_SITE_CSS_MAX_BYTES, defaultSiteCss } from '../../../src/main/services/export/siteStyles'
import { createFaultyFs } from '../../support/faultyFs'

describe('site styles', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-styles-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('ships resources/preview/site.css as the default', async () => {
    const shipped = await readFile(new URL('../../../resources/preview/site.css', import.meta.url), 'utf8')
    expect(defaultSiteCss()).toBe(shipped)
    expect(await createSiteStyles({ dataDir: () => dir }).read()).toEqual({ css: shipped, source: 'default', path: join(dir, 'site.css') })
  })

  it('puts the office’s file after the default, without its byte order mark', async () => {
    await writeFile(join(dir, 'site.css'), '\uFEFF.news-article h1 { color: navy }')
    const styles = await createSiteStyles({ dataDir: () => dir, defaultCss: '/* default */' }).read()
    expect(styles).toEqual({ css: '/* default */\n/* site.css */\n.news-article h1 { color: navy }', source: 'custom', path: join(dir, 'site.css') })
  })

  it('falls back to the default for a file too big to be a style sheet', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await writeFile(join(dir, 'site.css'), 'a'.repeat(CUSTOM_SITE_CSS_MAX_BYTES + 1))
    expect(await createSiteStyles({ dataDir: () => dir, defaultCss: 'x' }).read()).toMatchObject({ css: 'x', source: 'default' })
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
  })

  it('writes the starter file once and never over the office’s own', async () => {
    const styles = createSiteStyles({ dataDir: () => dir })
    expect(await styles.ensureCustomFile()).toEqual({ path: join(dir, 'site.css'), created: true })
    await writeFile(join(dir, 'site.css'), '/* ours */')
    expect(await styles.ensureCustomFile()).toEqual({ path: join(dir, 'site.css'), created: false })
    expect(await readFile(join(dir, 'site.css'), 'utf8')).toBe('/* ours */')
  })

  it('says a read-only data folder is read-only when the starter cannot be written', async () => {
    const fs = createFaultyFs()
    fs.fail('read-only')
    await expect(createSiteStyles({ dataDir: () => dir, fs }).ensureCustomFile()).rejects.toMatchObject({ code: 'read-only' })
  })
})
