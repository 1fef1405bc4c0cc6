import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { IS_APPLE } from 'lexical'
import { newsroom } from '../../newsroom'
import { isOpenableHref } from '../commands/linkHref'

/**
 * Ctrl+click (⌘-click on a Mac) on a link opens it in the browser; a plain click only places the caret,
 * as in a word processor. The desktop shell opens web pages and e-mail addresses only.
 */
export function LinkOpenPlugin() {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      editor.registerRootListener((root) => {
        const onClick = (event: MouseEvent) => {
          if (!(IS_APPLE ? event.metaKey : event.ctrlKey) || !(event.target instanceof Element)) return
          const anchor = event.target.closest('a')
          if (!anchor || !root?.contains(anchor)) return
          event.preventDefault()
          const href = anchor.getAttribute('href') ?? ''
          if (isOpenableHref(href)) {
            newsroom()
              .app.openExternal({ url: href })
              .catch((error: unknown) => console.warn('could not open link', error))
          }
        }
        root?.addEventListener('click', onClick)
        return () => root?.removeEventListener('click', onClick)
      }),
    [editor]
  )
  return null
}
