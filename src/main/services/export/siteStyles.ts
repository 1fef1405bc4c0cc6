import { join } from 'node:path'
import { AppError, fsErrorCode } from '../../../shared/errors'
import { atomicWriteFile } from '../fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { projectResources, type Resources } from '../../resources'

export const CUSTOM_SITE_CSS = 'site.css'
/** A style sheet is a few kilobytes; anything this big is not one, and is not pushed into every page. */
export const CUSTOM_SITE_CSS_MAX_BYTES = 1024 * 1024

export type SiteStyles = {
  /** The default style, then the office's own when there is one: theirs wins where both say something. */
  css: string
  source: 'default' | 'custom'
  /** Where the office's own style sheet is, or would be. */
  path: string
}

export type SiteStylesService = {
  read(): Promise<SiteStyles>
  /** Writes a commented starter file when there is none yet, so the office has something to open. */
  ensureCustomFile(): Promise<{ path: string; created: boolean }>
}

const STARTER = `/*
 * 本校网站样式 · Custom site style
 *
 * 这个文件中的样式会叠加在默认样式之后：只需写要改动的部分。保存后重新打开“预览”即可看到效果，
 * 导出的网页也会使用它。删除此文件即恢复默认样式。
 * Rules here are applied after the default style. Reopen the preview after saving. Delete the file to go back.
 *
 * 文章结构 (markup):
 *   .news-page > .news-article > header > p(栏目) h1(标题) h2(副标题) p(编辑/发布日期)
 *   .news-article > p / h2 / h3 / ul / ol / blockquote / figure > img + figcaption / hr
 *   .news-article.has-credit-line > p:last-child   （署名）
 */

/* 学校主题色 (school colour)
.news-page { --news-accent: #003f88; }
*/

/* 标题 (title)
.news-article > header > h1 { font-size: 28px; color: #003f88; }
*/

/* 正文 (body text)
.news-article > p { font-family: SimSun, '宋体', serif; font-size: 16px; line-height: 2; }
*/
`

/** The default style, as named below the resources folder. */
export const DEFAULT_SITE_CSS = 'preview/site.css'

const defaultCssCache = new Map<string, string>()

/**
 * The default style from the resources capability (the project's resources/ from source, the installed
 * app's resources folder when packaged). Read from disk rather than bundled because Vitest turns every
 * imported .css, `?raw` included, into an empty string.
 */
export function defaultSiteCss(resources: Resources = projectResources()): string {
  const cached = defaultCssCache.get(resources.root)
  if (cached !== undefined) return cached
  try {
    const css = resources.readText(DEFAULT_SITE_CSS)
    defaultCssCache.set(resources.root, css)
    return css
  } catch (error) {
    console.error(`${DEFAULT_SITE_CSS} could not be read from ${resources.root}; articles are shown unstyled`, error)
    return ''
  }
}

export function createSiteStyles(options: { dataDir(): string; fs?: ServiceFs; defaultCss?: string; resources?: Resources }): SiteStylesService {
  const fs = options.fs ?? nodeServiceFs
  const customPath = () => join(options.dataDir(), CUSTOM_SITE_CSS)

  return {
    async read() {
      const path = customPath()
      let custom: string | null = null
      try {
        const info = await fs.stat(path)
        if (info.isFile() && info.size <= CUSTOM_SITE_CSS_MAX_BYTES) custom = await fs.readFile(path, 'utf8')
        else console.warn(`${path} is not a style sheet of at most ${CUSTOM_SITE_CSS_MAX_BYTES} bytes; using the default style`)
      } catch (error) {
        // A style sheet that cannot be read must not stop the preview: the default still shows the article.
        if (fsErrorCode(error) !== 'not-found') console.warn(`cannot read ${path}; using the default style`, error)
      }
      const defaultCss = options.defaultCss ?? defaultSiteCss(options.resources)
      if (custom === null) return { css: defaultCss, source: 'default', path }
      return { css: `${defaultCss}\n/* ${CUSTOM_SITE_CSS} */\n${custom.replace(/^\uFEFF/, '')}`, source: 'custom', path }
    },
    async ensureCustomFile() {
      const path = customPath()
      const exists = await fs.stat(path).then(
        () => true,
        () => false
      )
      if (exists) return { path, created: false }
      try {
        await fs.mkdir(options.dataDir(), { recursive: true })
        await atomicWriteFile(fs, path, STARTER)
      } catch (error) {
        const code = fsErrorCode(error)
        throw new AppError(code === 'not-found' ? 'internal' : code, `cannot create ${path}: ${(error as Error).message}`, { cause: error })
      }
      return { path, created: true }
    }
  }
}
