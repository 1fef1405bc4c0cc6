import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createResources, PACKAGED_RESOURCES_FOLDER, resourcesRoot } from '../../../src/main/resources'
import { createSiteStyles, DEFAULT_SITE_CSS, defaultSiteCss } from '../../../src/main/services/export/siteStyles'

describe('the resources capability', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-resources-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('is the installed app’s resources folder when packaged and the project’s resources/ from source', () => {
    const packaged = resourcesRoot({ isPackaged: true, resourcesPath: '/opt/Campus Newsroom/resources', appPath: '/opt/Campus Newsroom/resources/app.asar' })
    expect(packaged).toBe(join('/opt/Campus Newsroom/resources', PACKAGED_RESOURCES_FOLDER))
    expect(resourcesRoot({ isPackaged: false, resourcesPath: '/usr/lib/electron/resources', appPath: '/home/a/newsroom' })).toBe(join('/home/a/newsroom', 'resources'))
  })

  it('refuses names that leave the folder', () => {
    const resources = createResources(dir)
    expect(resources.path('preview/site.css')).toBe(join(dir, 'preview', 'site.css'))
    for (const name of ['../secret', '/etc/passwd', '', 'preview/../../x']) expect(() => resources.path(name)).toThrow(/not a file below/)
  })

  it('gives the site style the default CSS of the folder it is handed, not of the module’s location', async () => {
    await mkdir(join(dir, 'preview'), { recursive: true })
    await writeFile(join(dir, DEFAULT_SITE_CSS), '.news-page { color: red }')
    const resources = createResources(dir)
    expect(defaultSiteCss(resources)).toBe('.news-page { color: red }')
    const data = join(dir, 'library')
    expect(await createSiteStyles({ dataDir: () => data, resources }).read()).toMatchObject({ css: '.news-page { color: red }', source: 'default' })
  })

  it('shows articles unstyled, not broken, when the default style is missing', () => {
    expect(defaultSiteCss(createResources(join(dir, 'nowhere')))).toBe('')
  })
})
