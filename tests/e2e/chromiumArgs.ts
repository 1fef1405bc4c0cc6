/**
 * How the E2E harness starts Debian's Chromium, kept apart so tests/e2e/harness-browser.test.ts can check it.
 *
 * Headless Chromium is the whole browser: each new context opens a window, and each window preloads its address
 * bar's popup as two WebUI pages (chrome://omnibox-popup.top-chrome/, in renderer processes of their own that load
 * and compile their scripts). Electron has no address bar. On the two cores here those pages took the CPU from the
 * app's page while it started: `npm run bench:start` gave medians of 316 and 368 ms with them, 240 and 232 ms
 * without, alternating in one sitting. They are turned off here.
 */

/**
 * Playwright's own `--disable-features` list (playwright-core 1.65.1, `chromiumSwitches`). Chromium reads only the
 * last `--disable-features` on its command line, so the harness's one repeats these; harness-browser.test.ts fails,
 * naming them, when Playwright's list gains one this does not have.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion'
] as const

/** The address bar's popup as WebUI: both are needed (each alone leaves one of the two pages). */
export const BROWSER_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'] as const

export const HARNESS_CHROMIUM_ARGS: readonly string[] = [
  // As root on CI Chromium needs --no-sandbox; the rest keep it off the (closed) network.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=zh-CN',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...BROWSER_UI_FEATURES].join(',')}`
]

/** The features a command line turns off, as Chromium reads them: from its last `--disable-features` only. */
export function disabledFeatures(commandLine: readonly string[]): string[] {
  const last = commandLine.filter((arg) => arg.startsWith('--disable-features=')).at(-1)
  return last ? last.slice('--disable-features='.length).split(',').filter(Boolean) : []
}
