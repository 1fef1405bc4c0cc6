import { describe, expect, it } from 'vitest'
import { MAX_PHOTO_BYTES, base64OfDataUrl, pastedPhotoName, photoFailureCodeOf, sortPhotoFiles } from '../../../src/renderer/src/editor/plugins/images/photoFiles'

describe('sortPhotoFiles', () => {
  it('sends pictures (and files of unknown type) to the photo pipeline and refuses the rest by name', () => {
    const files = [
      { name: '开幕式.jpg', type: 'image/jpeg', size: 2_000_000 },
      { name: '通知.pdf', type: 'application/pdf', size: 50_000 },
      { name: 'IMG_0001', type: '', size: 3_000 },
      { name: '航拍.png', type: 'image/png', size: MAX_PHOTO_BYTES + 1 },
      { name: '空文件.jpg', type: 'image/jpeg', size: 0 }
    ]
    const { toImport, refused } = sortPhotoFiles(files)
    expect(toImport.map((f) => f.name)).toStrictEqual(['开幕式.jpg', 'IMG_0001'])
    expect(refused).toStrictEqual([
      { name: '通知.pdf', code: 'unsupported' },
      { name: '航拍.png', code: 'too-large' },
      { name: '空文件.jpg', code: 'empty' }
    ])
  })

  it('takes a file of exactly the limit', () => {
    expect(sortPhotoFiles([{ name: 'a.jpg', type: 'image/jpeg', size: MAX_PHOTO_BYTES }]).toImport).toHaveLength(1)
  })
})

describe('photoFailureCodeOf', () => {
  it('words a failed request with the photo pipeline’s codes', () => {
    expect(photoFailureCodeOf({ code: 'disk-full' })).toBe('disk-full')
    expect(photoFailureCodeOf({ code: 'not-found' })).toBe('vanished')
    expect(photoFailureCodeOf({ code: 'corrupt-file' })).toBe('corrupt')
    expect(photoFailureCodeOf({ code: 'invalid-request' })).toBe('internal')
    expect(photoFailureCodeOf(new Error('no code'))).toBe('internal')
  })
})

describe('base64OfDataUrl', () => {
  it('returns the payload of a base64 data URL', () => {
    expect(base64OfDataUrl('data:image/jpeg;base64,/9j/4AAQ')).toBe('/9j/4AAQ')
    expect(base64OfDataUrl('data:application/octet-stream;base64,')).toBe('')
  })

  it('refuses anything else', () => {
    expect(() => base64OfDataUrl('data:text/plain,hello')).toThrow()
    expect(() => base64OfDataUrl('https://example.com/a.jpg')).toThrow()
  })
})

describe('pastedPhotoName', () => {
  it('names a pasted picture by its type and the time', () => {
    expect(pastedPhotoName('image/jpeg', new Date(2026, 10, 20, 9, 5, 7))).toBe('pasted-20261120-090507.jpg')
    expect(pastedPhotoName('image/png', new Date(2026, 0, 2, 13, 0, 0))).toBe('pasted-20260102-130000.png')
    expect(pastedPhotoName('', new Date(2026, 0, 2, 13, 0, 0))).toBe('pasted-20260102-130000.png')
  })
})
