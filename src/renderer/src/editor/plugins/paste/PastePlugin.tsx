import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { mergeRegister } from '@lexical/utils'
import { COMMAND_PRIORITY_CRITICAL, COMMAND_PRIORITY_HIGH, COPY_COMMAND, CUT_COMMAND, KEY_DOWN_COMMAND, PASTE_COMMAND, type LexicalEditor } from 'lexical'
import { sanitizeArticleBody, type ArticleBlock } from '@shared/article/schema'
import { newsroom } from '../../../newsroom'
import { articleNodes } from '../../nodes'
import { useOptionalAssets } from '../images/AssetContext'
import { INSERT_IMAGE_COMMAND } from '../images/commands'
import { importPhotoFiles } from '../images/importPhotos'
import { convertHtml, enforceArticleSchema } from './convert'
import { plainTextToBlocks } from './htmlToBlocks'
import { $insertArticleBlocks } from './insertBlocks'
import { parseUntrustedHtml } from './prepareHtml'
import { placePictures, storeWordClips, wordClipUrls, type PictureServices, type PictureWords, type StoredClips } from './pictures'
import { SOURCE_DRAFT_MIME, adoptAssets, pictureAssetIds, placeAdopted } from './adoptPictures'

/** Node types the editor can parse: Lexical's built-ins plus every registered article node. */
export function registeredArticleTypes(): ReadonlySet<string> {
  return new Set(['root', 'paragraph', 'text', 'linebreak', 'tab', ...articleNodes.map((node) => node.getType())])
}

export function pictureWords(t: TFunction): PictureWords {
  return {
    placeholder: (name, problem) => t('paste.placeholder', { name, reason: t(`paste.problems.${problem}`) }),
    unnamed: t('paste.unnamedPicture')
  }
}

/** Ctrl+Shift+V (Cmd+Shift+V on a Mac): paste as plain text, as in word processors and browsers. */
function isPlainPasteShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'v'
}

const LEXICAL_MIME = 'application/x-lexical-editor'

/** Our own editor's copy (or another Lexical editor's), through the same closed schema as everything else. */
function blocksFromLexicalClipboard(json: string): ArticleBlock[] | null {
  try {
    const payload = JSON.parse(json) as { nodes?: unknown }
    if (!Array.isArray(payload.nodes)) return null
    return sanitizeArticleBody({ root: { type: 'root', children: payload.nodes } }).body.root.children
  } catch {
    return null
  }
}

/** HTML that is only a picture: a browser's "copy image" puts the file beside such HTML. */
function isOnlyPictures(html: string): boolean {
  const doc = parseUntrustedHtml(html)
  return (doc.body.textContent ?? '').trim() === '' && doc.body.querySelector('img') !== null
}

type Notice = { kind: 'pictures'; count: number } | { kind: 'failed' }

/**
 * Paste from Word, WPS, Google Docs and web pages, reduced to the article schema (see convert.ts), and
 * plain-text paste on Ctrl/Cmd+Shift+V. (When Electron's 粘贴并匹配样式 menu item handles the shortcut,
 * Chromium hands the page text/plain only, and Lexical's own plain-text paste makes one paragraph per
 * line.) Pictures from Word's clipboard folder are stored as assets before the (synchronous) insert;
 * pictures that cannot be had become placeholder paragraphs and a notice.
 * Image files alone on the clipboard are left to the images plugin; files beside HTML that is only the
 * same picture ("copy image") go the images plugin's way too. Photos copied from another draft are copied
 * into this draft's assets first (assets:adopt, see adoptPictures.ts).
 */
export function PastePlugin() {
  const [editor] = useLexicalComposerContext()
  const { t } = useTranslation()
  const assets = useOptionalAssets()
  const [notice, setNotice] = useState<Notice | null>(null)
  const words = useRef<PictureWords>(pictureWords(t))
  useEffect(() => {
    words.current = pictureWords(t)
  }, [t])

  useEffect(() => {
    const registered = registeredArticleTypes()
    const draftId = assets?.draftId ?? null
    const services: PictureServices | null = draftId
      ? { importWordClip: (url) => newsroom().assets.import({ draftId, source: { kind: 'wordClip', url } }) }
      : null
    let plainNext = false
    let plainTimer: ReturnType<typeof setTimeout> | undefined
    const clearPlain = () => {
      plainNext = false
      clearTimeout(plainTimer)
    }

    const insert = (target: LexicalEditor, blocks: ArticleBlock[]) => {
      $insertArticleBlocks(target, enforceArticleSchema(blocks, registered, words.current))
    }

    // Lexical writes its own flavours after this (same event); ours only says which draft the copy is from.
    const markSource = (event: ClipboardEvent | KeyboardEvent | null): boolean => {
      if (draftId && event instanceof ClipboardEvent) event.clipboardData?.setData(SOURCE_DRAFT_MIME, draftId)
      return false
    }

    const finish = (converted: ReturnType<typeof convertHtml>, clips: StoredClips) => {
      const placed = placePictures(converted, clips, words.current)
      insert(editor, placed.blocks)
      if (placed.problems.length > 0) setNotice({ kind: 'pictures', count: placed.problems.length })
    }

    const onPaste = (event: ClipboardEvent | InputEvent | KeyboardEvent): boolean => {
      if (!(event instanceof ClipboardEvent) || !event.clipboardData) return false
      const data = event.clipboardData
      const plain = plainNext
      clearPlain()
      const html = data.getData('text/html')
      if (plain) {
        const text = data.getData('text/plain')
        if (text === '') return false
        event.preventDefault()
        insert(editor, plainTextToBlocks(text))
        return true
      }
      const lexical = data.getData(LEXICAL_MIME)
      const copied = lexical ? blocksFromLexicalClipboard(lexical) : null
      if (copied) {
        event.preventDefault()
        const from = data.getData(SOURCE_DRAFT_MIME)
        const assetIds = pictureAssetIds(copied)
        if (!draftId || from === '' || from === draftId || assetIds.length === 0) {
          insert(editor, copied)
          return true
        }
        adoptAssets(assetIds, (assetId) => newsroom().assets.adopt({ draftId, fromDraftId: from, assetId }))
          .then((adopted) => {
            if (editor.getRootElement() === null || !editor.isEditable()) return
            const placed = placeAdopted(copied, adopted, words.current)
            editor.update(() => insert(editor, placed.blocks))
            if (placed.problems.length > 0) setNotice({ kind: 'pictures', count: placed.problems.length })
          })
          .catch((error: unknown) => {
            console.warn('paste failed', error)
            setNotice({ kind: 'failed' })
          })
        return true
      }
      if (html.trim() === '') return false
      const imageFiles = Array.from(data.files).filter((file) => file.type.startsWith('image/'))
      if (imageFiles.length > 0 && isOnlyPictures(html)) {
        // A browser's "copy image": the picture's bytes are on the clipboard, so they go through the photo
        // pipeline like a dropped file (the images plugin's path) and the HTML's address is never fetched.
        if (!assets) return false
        event.preventDefault()
        importPhotoFiles(assets.draftId, imageFiles, assets.photoCredit)
          .then(({ photos, failures }) => {
            assets.reportFailures(failures)
            if (photos.length > 0) editor.dispatchCommand(INSERT_IMAGE_COMMAND, { photos })
          })
          .catch((error: unknown) => {
            console.warn('paste failed', error)
            setNotice({ kind: 'failed' })
          })
        return true
      }
      event.preventDefault()
      // The clipboard can only be read while the event is dispatched: everything is taken out now.
      const converted = convertHtml(html, 'clipboard')
      const urls = wordClipUrls(converted)
      if (urls.length === 0 || !services) {
        finish(converted, new Map())
        return true
      }
      storeWordClips(urls, services)
        .then((clips) => {
          if (editor.getRootElement() === null || !editor.isEditable()) return
          editor.update(() => finish(converted, clips))
        })
        .catch((error: unknown) => {
          console.warn('paste failed', error)
          setNotice({ kind: 'failed' })
        })
      return true
    }

    return mergeRegister(
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (isPlainPasteShortcut(event)) {
            plainNext = true
            clearTimeout(plainTimer)
            // The paste event follows the key press at once; a shortcut that pasted nothing must not linger.
            plainTimer = setTimeout(clearPlain, 500)
          }
          return false
        },
        COMMAND_PRIORITY_CRITICAL
      ),
      editor.registerCommand(PASTE_COMMAND, onPaste, COMMAND_PRIORITY_HIGH),
      editor.registerCommand(COPY_COMMAND, markSource, COMMAND_PRIORITY_HIGH),
      editor.registerCommand(CUT_COMMAND, markSource, COMMAND_PRIORITY_HIGH),
      () => clearTimeout(plainTimer)
    )
  }, [editor, assets])

  if (!notice) return null
  return (
    <div role="status" className="paste-notice">
      <p className="paste-notice-message">
        {notice.kind === 'pictures' ? t('paste.picturesMissing', { count: notice.count }) : t('paste.failed')}
      </p>
      <button type="button" className="button button-small" onClick={() => setNotice(null)}>
        {t('app.dismiss')}
      </button>
    </div>
  )
}
