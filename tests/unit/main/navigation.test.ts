import { describe, expect, it } from 'vitest'
import { decideNavigation } from '../../../src/main/window/navigation'

const prodApp = 'app://newsroom/index.html'
const devApp = 'http://localhost:5173/'

describe('decideNavigation in the packaged app', () => {
  it.each([
    [prodApp, 'allow'],
    [`${prodApp}#/drafts/abc123`, 'allow'],
    [`${prodApp}?lang=en`, 'allow'],
    ['app://newsroom/', 'allow'],
    ['app://newsroom/assets/index-abc.js', 'deny'],
    ['app://newsroom/other.html', 'deny'],
    ['app://evil/index.html', 'deny'],
    ['app://user:pw@newsroom/index.html', 'deny'],
    ['app://newsroom:8080/index.html', 'deny'],
    // The built page's old file: address, in every spelling Windows and Chromium give it, is no longer ours.
    ['file:///C:/Program%20Files/Campus%20Newsroom/resources/app.asar/out/renderer/index.html', 'deny'],
    ['file://server/share/Newsroom/resources/app.asar/out/renderer/index.html', 'deny'],
    ['https://news.example.edu.cn/2026/sports-day', 'open-external'],
    ['http://intranet.school.local/', 'open-external'],
    ['mailto:xuanchuanbu@example.edu.cn?subject=%E7%A8%BF%E4%BB%B6', 'open-external'],
    ['javascript:alert(1)', 'deny'],
    ['JavaScript:alert(document.domain)', 'deny'],
    ['data:text/html,<script>alert(1)</script>', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['newsroom-asset://draft/abc/photo.jpg', 'deny'],
    ['ms-settings:privacy', 'deny'],
    ['smb://server/share', 'deny'],
    ['vbscript:msgbox', 'deny'],
    ['blob:app://newsroom/abc', 'deny'],
    ['about:blank', 'deny'],
    ['not a url', 'deny'],
    ['', 'deny']
  ] as const)('%s → %s', (url, expected) => {
    expect(decideNavigation(url, prodApp)).toBe(expected)
  })
})

describe('decideNavigation against the dev server', () => {
  it.each([
    [devApp, 'allow'],
    ['http://localhost:5173/index.html#/settings', 'allow'],
    ['http://localhost:5174/', 'open-external'],
    ['https://localhost:5173/', 'open-external'],
    ['http://127.0.0.1:5173/', 'open-external'],
    [prodApp, 'deny'],
    ['javascript:void(0)', 'deny']
  ] as const)('%s → %s', (url, expected) => {
    expect(decideNavigation(url, devApp)).toBe(expected)
  })

  it('denies everything when the app URL itself is broken', () => {
    expect(decideNavigation('https://example.com/', 'nonsense')).toBe('deny')
  })
})
