import { afterAll, describe, expect, it } from 'vitest'
import { chromium, type Browser } from 'playwright-core'
import { BROWSER_UI_FEATURES, HARNESS_CHROMIUM_ARGS, disabledFeatures } from './chromiumArgs'
import { CHROMIUM_PATH, e2eUnavailableReason } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

// Chromium answers Browser.getBrowserCommandLine only with --enable-automation, which Playwright does not pass.
const launch = (args: readonly string[]) => chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...args, '--enable-automation'] })

async function commandLine(browser: Browser): Promise<string[]> {
  const cdp = await browser.newBrowserCDPSession()
  // Not in playwright-core's protocol types.
  const answer = (await cdp.send('Browser.getBrowserCommandLine' as 'Browser.getVersion')) as unknown as { arguments: string[] }
  return answer.arguments
}

async function browserUiPages(browser: Browser): Promise<string[]> {
  const cdp = await browser.newBrowserCDPSession()
  const { targetInfos } = await cdp.send('Target.getTargets')
  return targetInfos.filter((target) => target.type === 'browser_ui').map((target) => target.url)
}

suite('the harness’s Chromium', () => {
  const browsers: Browser[] = []
  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
  })

  it('keeps every feature Playwright turns off, since Chromium reads only the last --disable-features', async () => {
    const [plain, harness] = await Promise.all([launch(['--no-sandbox']), launch(HARNESS_CHROMIUM_ARGS)])
    browsers.push(plain, harness)
    const playwrights = disabledFeatures(await commandLine(plain))
    expect(playwrights).toContain('HttpsUpgrades')
    const ours = disabledFeatures(await commandLine(harness))
    expect(playwrights.filter((feature) => !ours.includes(feature))).toEqual([])
    expect(ours).toEqual(expect.arrayContaining([...BROWSER_UI_FEATURES]))
  })

  it('opens no address-bar pages beside the app’s page, as Electron has none', async () => {
    const [plain, harness] = await Promise.all([launch(['--no-sandbox']), launch(HARNESS_CHROMIUM_ARGS)])
    browsers.push(plain, harness)
    for (const browser of [plain, harness]) await (await browser.newContext()).newPage()
    // Without the harness's arguments, Chromium preloads the address bar's popup for each window.
    await expect.poll(() => browserUiPages(plain), { timeout: 20_000 }).toEqual(expect.arrayContaining([expect.stringContaining('omnibox-popup')]))
    expect(await browserUiPages(harness)).toEqual([])
  })
})
