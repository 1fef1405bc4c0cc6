import { describe, expect, it } from 'vitest'
import { publishedAddressLabel } from '../../../src/renderer/src/publish/addressLabel'

describe('the published address as a person reads it', () => {
  it('a web page: host and path, Chinese decoded, no scheme', () => {
    expect(publishedAddressLabel('https://news.school.edu.cn/2024/10/%E8%BF%90%E5%8A%A8%E4%BC%9A.html?p=1', '学校网站')).toBe(
      'news.school.edu.cn/2024/10/运动会.html'
    )
    expect(publishedAddressLabel('http://127.0.0.1:8080/?p=12', '测试站')).toBe('127.0.0.1:8080')
  })

  it('a page written to a folder: the site name and its last folders, never file://', () => {
    expect(publishedAddressLabel('file:///C:/Users/%E7%8E%8B/site/articles/abc123.html', '本地网站')).toBe('本地网站 / articles/abc123.html')
    expect(publishedAddressLabel('file:///home/office/site/index.html', '本地网站')).toBe('本地网站 / site/index.html')
  })

  it('anything else is left for the caller to show as it is', () => {
    expect(publishedAddressLabel('not a url', '站')).toBeNull()
    expect(publishedAddressLabel('javascript:alert(1)', '站')).toBeNull()
  })
})
