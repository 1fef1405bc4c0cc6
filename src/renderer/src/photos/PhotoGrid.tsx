import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { markForKey, moveFocus, visibleRows, type CullKey, type CullPhoto, type PhotoMark } from './culling'
import { failureText } from './failureText'

export const TILE_WIDTH = 184
export const TILE_HEIGHT = 214
const MOVE_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'])

type Props = {
  /** Already sorted and filtered. */
  photos: readonly CullPhoto[]
  focus: number
  onFocus(index: number): void
  onMark(id: number, mark: PhotoMark): void
  onOpen(index: number): void
  tileId(id: number): string
}

/** `2025-10-18T09:30:00` → `10-18 09:30:00`: the day matters across a two-day event, the year never does. */
export function shortCaptureTime(capturedAt: string | null): string {
  return capturedAt ? `${capturedAt.slice(5, 10)} ${capturedAt.slice(11, 19)}` : ''
}

/**
 * The culling grid: fixed-size tiles, and only the rows in view (plus one either side) are in the DOM, so
 * three hundred photos scroll like thirty. Focus is one tab stop; arrow keys move it, P/X/U mark, Enter or
 * Space opens the large view.
 */
export function PhotoGrid({ photos, focus, onFocus, onMark, onOpen, tileId }: Props) {
  const { t } = useTranslation()
  const scroller = useRef<HTMLDivElement>(null)
  const [box, setBox] = useState({ width: 800, height: 480 })
  const [scrollTop, setScrollTop] = useState(0)

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const measure = () => setBox({ width: element.clientWidth, height: element.clientHeight })
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const columns = Math.max(1, Math.floor(box.width / TILE_WIDTH))
  const rowCount = Math.ceil(photos.length / columns)
  const rowsPerPage = Math.max(1, Math.floor(box.height / TILE_HEIGHT))
  const { first, last } = visibleRows(scrollTop, box.height, TILE_HEIGHT, rowCount)

  // Keeps the focused tile in view (and so in the DOM) as the keyboard moves it.
  useEffect(() => {
    const element = scroller.current
    if (!element || photos.length === 0) return
    const top = Math.floor(focus / columns) * TILE_HEIGHT
    if (top < element.scrollTop) element.scrollTop = top
    else if (top + TILE_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + TILE_HEIGHT - element.clientHeight
  }, [focus, columns, photos.length])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return
    const current = photos[focus]
    if (MOVE_KEYS.has(event.key)) {
      event.preventDefault()
      onFocus(moveFocus(focus, event.key as CullKey, photos.length, columns, rowsPerPage))
      return
    }
    if ((event.key === 'Enter' || event.key === ' ') && current) {
      event.preventDefault()
      onOpen(focus)
      return
    }
    const mark = markForKey(event.key)
    if (mark !== undefined && current) {
      event.preventDefault()
      onMark(current.id, mark)
    }
  }

  const tiles = []
  for (let index = first * columns; index < Math.min(photos.length, (last + 1) * columns); index++) {
    const photo = photos[index]
    if (!photo) continue
    const failure = photo.insert === 'failed' || photo.load === 'failed' ? photo.failure : null
    tiles.push(
      <div
        key={photo.id}
        id={tileId(photo.id)}
        role="option"
        aria-selected={photo.mark === 'picked'}
        // Everything the tile shows, so the name a screen reader or voice control uses matches what is seen.
        aria-label={[
          photo.name,
          photo.mark ? t(`photos.marks.${photo.mark}`) : '',
          failure ? '' : shortCaptureTime(photo.preview?.capturedAt ?? null),
          failure ? '' : (photo.preview?.camera ?? '')
        ]
          .filter(Boolean)
          .join(' ')}
        className={`photo-tile${index === focus ? ' photo-tile-focus' : ''}`}
        data-mark={photo.mark ?? 'none'}
        data-load={photo.load}
        style={{ left: (index % columns) * TILE_WIDTH, top: Math.floor(index / columns) * TILE_HEIGHT }}
        onMouseDown={() => onFocus(index)}
        onDoubleClick={() => onOpen(index)}
      >
        <div className="photo-tile-frame">
          {photo.preview ? (
            <img className="photo-tile-image" src={photo.preview.url} alt="" draggable={false} />
          ) : (
            <span className="photo-tile-wait">{photo.load === 'failed' ? '' : photo.load === 'cancelled' ? t('photos.state.cancelled') : t('photos.state.loading')}</span>
          )}
          {photo.mark && <span className={`photo-tile-mark photo-tile-mark-${photo.mark}`}>{t(`photos.marks.${photo.mark}`)}</span>}
          {photo.insert && photo.insert !== 'failed' && <span className="photo-tile-insert">{t(`photos.insertState.${photo.insert}`)}</span>}
        </div>
        {failure ? (
          <p className="photo-tile-failure" role="status">
            {failureText(t, failure)}
          </p>
        ) : (
          <p className="photo-tile-meta">
            <span className="photo-tile-time">{shortCaptureTime(photo.preview?.capturedAt ?? null)}</span>
            <span className="photo-tile-camera">{photo.preview?.camera ?? ''}</span>
          </p>
        )}
        <p className="photo-tile-name" title={photo.name}>
          {photo.name}
        </p>
      </div>
    )
  }

  return (
    <div
      ref={scroller}
      className="photo-grid"
      role="listbox"
      aria-multiselectable="true"
      aria-label={t('photos.grid')}
      aria-activedescendant={photos[focus] ? tileId(photos[focus].id) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="photo-grid-canvas" style={{ height: rowCount * TILE_HEIGHT, width: columns * TILE_WIDTH }}>
        {tiles}
      </div>
    </div>
  )
}
