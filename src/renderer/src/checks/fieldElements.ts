import type { LexicalEditor } from 'lexical'
import type { SegmentPlace } from './articleSegments'

/**
 * The form control that holds a field outside the body (the title box, 稿件信息's 副标题 and 摘要, a photo's
 * caption, the credit line's preview). Found by the data-check-field mark each one carries.
 */
export function fieldElement(editor: LexicalEditor | null, place: Extract<SegmentPlace, { kind: 'field' }>): HTMLElement | null {
  if (place.field === 'caption') {
    if (!editor || place.photoKey === undefined) return null
    const block = editor.getElementByKey(place.photoKey)
    if (!block) return null
    const holder = place.photoIndex === undefined ? block : block.querySelectorAll('.gallery-item')[place.photoIndex]
    return holder?.querySelector<HTMLElement>('.photo-caption input') ?? null
  }
  return document.querySelector<HTMLElement>(`[data-check-field="${place.field}"]`)
}
