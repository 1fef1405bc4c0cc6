import { $createRangeSelection, $getNodeByKey, $isTextNode, $setSelection, HISTORY_PUSH_TAG, type LexicalEditor } from 'lexical'
import type { Finding } from '../../../shared/checks/types'
import { $isGalleryNode } from '../editor/nodes/GalleryNode'
import { $isImageNode } from '../editor/nodes/ImageNode'
import { bodyRangeOf } from './articleSegments'
import type { CheckSnapshot } from './checkController'
import { fieldElement } from './fieldElements'

/** The fields outside the body a one-click fix can rewrite. */
export type FixableField = 'title' | 'subtitle' | 'summary'

const FIXABLE_FIELDS: readonly string[] = ['title', 'subtitle', 'summary']

/** 定位: selects the finding's text and brings it into view (the whole field for a field outside the body). */
export function locateFinding(editor: LexicalEditor | null, snapshot: CheckSnapshot, finding: Finding): boolean {
  const place = snapshot.places[finding.segment]
  if (!place) return false
  if (place.kind === 'field') {
    const element = fieldElement(editor, place)
    if (!element) return false
    element.scrollIntoView({ block: 'center' })
    element.focus()
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) element.setSelectionRange(finding.start, finding.end)
    return true
  }
  const points = bodyRangeOf(place, finding.start, finding.end)
  if (!editor || !points) return false
  editor.update(() => {
    if (!$isTextNode($getNodeByKey(points.start.key)) || !$isTextNode($getNodeByKey(points.end.key))) return
    const selection = $createRangeSelection()
    selection.anchor.set(points.start.key, points.start.offset, 'text')
    selection.focus.set(points.end.key, points.end.offset, 'text')
    $setSelection(selection)
  })
  editor.focus()
  editor.getElementByKey(points.start.key)?.scrollIntoView({ block: 'center' })
  return true
}

/** Whether a finding carries a fix this editor can apply where it stands. */
export function canFix(snapshot: CheckSnapshot, finding: Finding): boolean {
  const place = snapshot.places[finding.segment]
  if (!finding.fix || !place) return false
  return place.kind === 'body' || place.field === 'caption' || FIXABLE_FIELDS.includes(place.field)
}

/**
 * The one-click fix: replaces the finding's text with the fix, in one undoable step. Refused (false) when the
 * text there is no longer what was checked: the next check will say what is there now.
 */
export function applyFix(editor: LexicalEditor | null, snapshot: CheckSnapshot, finding: Finding, fixField: (field: FixableField, text: string) => void): boolean {
  const place = snapshot.places[finding.segment]
  const segment = snapshot.segments[finding.segment]
  const fix = finding.fix
  if (!place || !segment || !fix) return false
  const replaced = (text: string) => text.slice(0, finding.start) + fix.replacement + text.slice(finding.end)
  if (place.kind === 'field') {
    if (place.field === 'caption') {
      if (!editor || place.photoKey === undefined) return false
      const photoKey = place.photoKey
      let done = false
      editor.update(
        () => {
          const node = $getNodeByKey(photoKey)
          if ($isImageNode(node) && place.photoIndex === undefined && node.getPhoto().caption === segment.text) {
            node.setFields({ caption: replaced(segment.text) })
            done = true
          } else if ($isGalleryNode(node) && place.photoIndex !== undefined && node.getPhotos()[place.photoIndex]?.caption === segment.text) {
            node.setPhoto(place.photoIndex, { caption: replaced(segment.text) })
            done = true
          }
        },
        { tag: HISTORY_PUSH_TAG, discrete: true }
      )
      return done
    }
    if (!FIXABLE_FIELDS.includes(place.field)) return false
    const element = fieldElement(editor, place)
    const current = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value : segment.text
    if (current !== segment.text) return false
    fixField(place.field as FixableField, replaced(segment.text))
    return true
  }
  const points = bodyRangeOf(place, finding.start, finding.end)
  if (!editor || !points) return false
  let done = false
  editor.update(
    () => {
      const startNode = $getNodeByKey(points.start.key)
      const endNode = $getNodeByKey(points.end.key)
      if (!$isTextNode(startNode) || !$isTextNode(endNode)) return
      const selection = $createRangeSelection()
      selection.anchor.set(points.start.key, points.start.offset, 'text')
      selection.focus.set(points.end.key, points.end.offset, 'text')
      if (selection.getTextContent() !== segment.text.slice(finding.start, finding.end)) return
      $setSelection(selection)
      selection.insertText(fix.replacement)
      done = true
    },
    { tag: HISTORY_PUSH_TAG, discrete: true }
  )
  return done
}
