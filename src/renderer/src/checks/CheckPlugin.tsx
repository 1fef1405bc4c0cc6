import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useCheckController } from './ChecksContext'
import { FindingPainter } from './paintFindings'
import type { CheckSnapshot } from './checkController'

/**
 * 发布前检查 in the editor: each edit only restarts a timer (the check itself runs in a worker), and each result
 * is painted under the text. The marks follow the controller directly, not through a React render: an answer
 * that changed nothing costs a comparison, no render and no commit.
 */
export function CheckPlugin() {
  const [editor] = useLexicalComposerContext()
  const controller = useCheckController()

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
    if (!controller) return
    const painter = new FindingPainter()
    let shown: CheckSnapshot | null = null
    const paint = () => {
      const snapshot = controller.getSnapshot()
      if (snapshot === shown || snapshot.status !== 'ready') return
      shown = snapshot
      painter.paint(editor, snapshot)
    }
    paint()
    const unsubscribe = controller.subscribe(paint)
    return () => {
      unsubscribe()
      painter.clear()
    }
  }, [editor, controller])
  return null
}
