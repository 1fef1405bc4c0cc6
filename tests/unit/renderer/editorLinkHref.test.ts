import { describe, expect, it } from 'vitest'
import { isOpenableHref, linkHrefFromInput } from '../../../src/renderer/src/editor/commands/linkHref'

describe('linkHrefFromInput', () => {
  it('accepts http, https and mailto as typed', () => {
    expect(linkHrefFromInput(' https://www.example.edu.cn/news?id=1 ')).toBe('https://www.example.edu.cn/news?id=1')
    expect(linkHrefFromInput('http://example.com')).toBe('http://example.com/')
    expect(linkHrefFromInput('mailto:xcb@example.edu.cn')).toBe('mailto:xcb@example.edu.cn')
  })

  it('adds https:// to an address typed without one, and mailto: to an e-mail address', () => {
    expect(linkHrefFromInput('www.example.edu.cn/xwzx')).toBe('https://www.example.edu.cn/xwzx')
    expect(linkHrefFromInput('example.edu.cn:8080/a')).toBe('https://example.edu.cn:8080/a')
    expect(linkHrefFromInput('xcb@example.edu.cn')).toBe('mailto:xcb@example.edu.cn')
  })

  it('refuses every other scheme and anything that is not an address', () => {
    for (const input of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
      'vbscript:msgbox',
      'ftp://example.com',
      '',
      '   ',
      '校园新闻',
      '/relative/path',
      'https://',
      'https://exa mple.com'
    ]) {
      expect(linkHrefFromInput(input), input).toBeNull()
    }
  })
})

describe('isOpenableHref', () => {
  it('opens web pages and e-mail addresses only', () => {
    expect(isOpenableHref('https://www.example.edu.cn/')).toBe(true)
    expect(isOpenableHref('http://example.com/')).toBe(true)
    expect(isOpenableHref('mailto:xcb@example.edu.cn')).toBe(true)
    expect(isOpenableHref('file:///etc/passwd')).toBe(false)
    expect(isOpenableHref('javascript:alert(1)')).toBe(false)
  })
})
