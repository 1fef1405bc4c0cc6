import { useEffect, useSyncExternalStore } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useCheckController } from './ChecksContext'
import { clearFindingPaint, fieldElementKey, fieldSeverities, paintFindings } from './paintFindings'
import { fieldElement } from './fieldElements'
import { APPLIED_MARK, benchMark } from './checkController'

/**
 * 发布前检查 in the editor: each edit only restarts a timer (the check itself runs in a worker), and each result
 * is painted under the text. Fields outside the body are marked as a whole (form controls hold no highlights).
 */
export function CheckPlugin() {
  const [editor] = useLexicalComposerContext()
  const controller = useCheckController()
  const snapshot = useSyncExternalStore(controller?.subscribe ?? noSubscribe, controller?.getSnapshot ?? noSnapshot)

  useEffect(() => {
    if (!controller) return
    controller.setEditor(editor)
    const off = editor.registerUpdateListener((update) => controller.noteUpdate(update))
    return () => {
      off()
      controller.setEditor(null)
    }
  }, [editor, controller])

  useEffect(() => {
    if (!snapshot || snapshot.status !== 'ready') return
    paintFindings(editor, snapshot)
    const marked = fieldSeverities(snapshot)
    for (const element of document.querySelectorAll<HTMLElement>('[data-check-mark]')) delete element.dataset['checkMark']
    snapshot.places.forEach((place) => {
      if (place.kind !== 'field') return
      const severity = marked.get(fieldElementKey(place.field, place.photoKey, place.photoIndex))
      const element = severity ? fieldElement(editor, place) : null
      if (element && severity) element.dataset['checkMark'] = severity
    })
    benchMark(APPLIED_MARK)
  }, [editor, snapshot])

  useEffect(
    () => () => {
      clearFindingPaint()
      for (const element of document.querySelectorAll<HTMLElement>('[data-check-mark]')) delete element.dataset['checkMark']
    },
    []
  )
  return null
}

const noSubscribe = () => () => undefined
const noSnapshot = () => null
