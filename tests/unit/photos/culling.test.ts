import { describe, expect, it } from 'vitest'
import { filterPhotos, markForKey, mergeEntries, moveFocus, newCullPhoto, sortPhotos, visibleRows, type CullPhoto } from '../../../src/renderer/src/photos/culling'

function photo(id: number, capturedAt: string | null, mark: CullPhoto['mark'] = null): CullPhoto {
  return {
    ...newCullPhoto({ id, name: `IMG_${id}.JPG` }),
    load: 'done',
    mark,
    preview: { url: `p/${id}`, width: 400, height: 267, capturedAt, camera: null }
  }
}

describe('culling', () => {
  it('sorts by capture time, undated photos after in file order, and by name on request', () => {
    const photos = [photo(0, null), photo(1, '2025-10-18T09:31:00'), photo(2, '2025-10-18T09:30:00+08:00'), newCullPhoto({ id: 3, name: 'x' })]
    expect(sortPhotos(photos, 'captured').map((p) => p.id)).toEqual([2, 1, 0, 3])
    expect(sortPhotos(photos, 'name').map((p) => p.id)).toEqual([0, 1, 2, 3])
  })

  it('filters picked and unmarked photos', () => {
    const photos = [photo(0, null, 'picked'), photo(1, null, 'rejected'), photo(2, null)]
    expect(filterPhotos(photos, 'picked').map((p) => p.id)).toEqual([0])
    expect(filterPhotos(photos, 'unmarked').map((p) => p.id)).toEqual([2])
    expect(filterPhotos(photos, 'all')).toHaveLength(3)
  })

  it('keeps marks and previews of photos already listed when more are added', () => {
    const merged = mergeEntries([photo(0, null, 'picked')], [{ id: 0, name: 'IMG_0.JPG' }, { id: 1, name: 'IMG_1.JPG' }])
    expect(merged.map((p) => [p.id, p.mark, p.load])).toEqual([
      [0, 'picked', 'done'],
      [1, null, 'queued']
    ])
  })

  it('moves focus through a grid without wrapping up or down past its edges', () => {
    expect(moveFocus(0, 'ArrowRight', 10, 4, 2)).toBe(1)
    expect(moveFocus(0, 'ArrowLeft', 10, 4, 2)).toBe(0)
    expect(moveFocus(1, 'ArrowDown', 10, 4, 2)).toBe(5)
    expect(moveFocus(7, 'ArrowDown', 10, 4, 2)).toBe(7)
    expect(moveFocus(2, 'ArrowUp', 10, 4, 2)).toBe(2)
    expect(moveFocus(1, 'PageDown', 10, 4, 2)).toBe(9)
    expect(moveFocus(5, 'Home', 10, 4, 2)).toBe(0)
    expect(moveFocus(5, 'End', 10, 4, 2)).toBe(9)
  })

  it('reads P, X and U in either case and ignores other keys', () => {
    expect(['p', 'X', 'u', 'q'].map(markForKey)).toEqual(['picked', 'rejected', null, undefined])
  })

  it('renders only the rows in view plus one either side', () => {
    expect(visibleRows(0, 600, 200, 100)).toEqual({ first: 0, last: 3 })
    expect(visibleRows(2000, 600, 200, 100)).toEqual({ first: 9, last: 13 })
    expect(visibleRows(19_600, 600, 200, 100)).toEqual({ first: 97, last: 99 })
  })
})
