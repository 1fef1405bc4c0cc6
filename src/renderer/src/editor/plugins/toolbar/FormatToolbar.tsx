import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $createLinkNode, $isLinkNode, $toggleLink } from '@lexical/link'
import { $findMatchingParent, mergeRegister } from '@lexical/utils'
import {
  $createTextNode,
  $getNodeByKey,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_HIGH,
  IS_APPLE,
  KEY_ESCAPE_COMMAND,
  type BaseSelection,
  type LexicalEditor
} from 'lexical'
import {
  $readFormatState,
  $syncSelectionFromDom,
  OPEN_FIND_COMMAND,
  OPEN_LINK_EDITOR_COMMAND,
  runEditorAction,
  TOGGLE_FIRST_LINE_INDENT_COMMAND,
  type FormatState
} from '../../commands/formatting'
import { actionShortcutLabel, type EditorAction } from '../../commands/shortcuts'
import { firstLineIndentEnabled, setFirstLineIndent, useFirstLineIndent } from '../../firstLineIndent'
import { FindBar, type FindRequest } from '../find/FindBar'
import { LinkEditor } from './LinkEditor'
import { TOOLBAR_ICONS } from './icons'
import { ImageToolbarButtons } from '../images/ImageToolbarButtons'
import { PhotosButton } from '../../../photos/PhotosButton'
import { sectionsThatFit } from './overflow'

const GROUPS: readonly (readonly EditorAction[])[] = [
  ['undo', 'redo'],
  ['paragraph', 'heading2', 'heading3'],
  ['bold', 'italic', 'underline', 'strikethrough'],
  ['bulletList', 'numberedList', 'outdent', 'indent', 'quote'],
  ['link', 'horizontalRule'],
  ['alignLeft', 'alignCenter', 'alignRight', 'alignJustify', 'firstLineIndent'],
  ['clearFormatting', 'replace']
]
/** Where the photo buttons sit among the groups: before alignment, so they are the last to go into 更多. */
const PHOTOS_AT = 5
const SECTION_COUNT = GROUPS.length + 1
/** Room kept for the 更多 button when some sections move into it. */
const MORE_WIDTH = 72

/** Buttons that show their name as styled text rather than an icon. */
const TEXT_FACES: Partial<Record<EditorAction, ReactNode>> = {
  bold: <b>B</b>,
  italic: <i>I</i>,
  underline: <u>U</u>,
  strikethrough: <s>S</s>
}

/**
 * The toolbar is the same for every draft: its section widths (per language) and how many sections fit are
 * kept for the next editor, which then neither measures again nor forces a layout of a long article it opens.
 */
let remembered: { widths: { language: string; widths: number[] } | null; shown: number } = { widths: null, shown: SECTION_COUNT }

type LinkEditing = { url: string; editing: boolean; needsText: boolean; selection: BaseSelection | null }

function sameState(a: FormatState, b: FormatState): boolean {
  return (Object.keys(a) as (keyof FormatState)[]).every((key) => a[key] === b[key])
}

function pressedFor(action: EditorAction, state: FormatState, firstLineIndent: boolean): boolean | undefined {
  switch (action) {
    case 'paragraph':
      return state.block === 'paragraph'
    case 'heading2':
      return state.block === 'h2'
    case 'heading3':
      return state.block === 'h3'
    case 'quote':
      return state.block === 'quote'
    case 'bulletList':
      return state.block === 'bullet'
    case 'numberedList':
      return state.block === 'number'
    case 'bold':
    case 'italic':
    case 'underline':
    case 'strikethrough':
      return state[action]
    case 'link':
      return state.linkUrl !== null
    case 'alignLeft':
      return state.align === 'left'
    case 'alignCenter':
      return state.align === 'center'
    case 'alignRight':
      return state.align === 'right'
    case 'alignJustify':
      return state.align === 'justify'
    case 'firstLineIndent':
      return firstLineIndent
    default:
      return undefined
  }
}

function $selectedText(): string | null {
  const selection = $getSelection()
  if (!$isRangeSelection(selection) || selection.isCollapsed()) return null
  const text = selection.getTextContent()
  return text.length <= 200 && !text.includes('\n') ? text : null
}

function $restoreSelection(saved: BaseSelection | null): void {
  if (!saved || !$isRangeSelection(saved)) return
  if ($getNodeByKey(saved.anchor.key) && $getNodeByKey(saved.focus.key)) $setSelection(saved.clone())
}

function applyLink(editor: LexicalEditor, saved: BaseSelection | null, href: string | null, text: string): void {
  editor.update(() => {
    $restoreSelection(saved)
    const selection = $getSelection()
    if (!$isRangeSelection(selection)) return
    const inLink = $findMatchingParent(selection.anchor.getNode(), $isLinkNode) !== null
    if (href !== null && selection.isCollapsed() && !inLink) {
      const link = $createLinkNode(href, { rel: 'noreferrer' })
      link.append($createTextNode(text))
      selection.insertNodes([link])
    } else {
      $toggleLink(href)
      // Carry on typing after the link, as in a word processor, rather than over it.
      const after = $getSelection()
      if ($isRangeSelection(after) && href !== null) {
        const end = after.isBackward() ? after.anchor : after.focus
        after.anchor.set(end.key, end.offset, end.type)
        after.focus.set(end.key, end.offset, end.type)
      }
    }
  })
  editor.focus()
}

/**
 * The formatting toolbar above the body, with the link box and the find bar it opens. It shows the
 * formatting at the selection (pressed buttons) and names each button's shortcut in its tooltip.
 */
export function FormatToolbar() {
  const { t } = useTranslation()
  const [editor] = useLexicalComposerContext()
  const [state, setState] = useState<FormatState>(() => editor.getEditorState().read($readFormatState))
  const [canUndo, setCanUndo] = useState(false)
  const [canRedo, setCanRedo] = useState(false)
  const [linkEditing, setLinkEditing] = useState<LinkEditing | null>(null)
  const [find, setFind] = useState<FindRequest | null>(null)
  const [tabStop, setTabStop] = useState<EditorAction>('paragraph')
  const firstLineIndent = useFirstLineIndent()
  const toolbar = useRef<HTMLDivElement>(null)
  const [shown, setShown] = useState(remembered.shown)
  const [moreOpen, setMoreOpen] = useState(false)
  const { i18n } = useTranslation()
  // Each section's width, measured while all are in the row; per language, since the labels change.
  const [measured, setMeasured] = useState<{ language: string; widths: number[] } | null>(remembered.widths)
  const [widthsAtMount] = useState(measured)
  const widths = measured?.language === i18n.language ? measured.widths : null
  const visible = widths === null ? SECTION_COUNT : shown

  // One row: the sections that do not fit go into 更多.
  useLayoutEffect(() => {
    const bar = toolbar.current
    if (!bar) return
    if (widths === null) {
      const sections = [...bar.querySelectorAll<HTMLElement>(':scope > .toolbar-section')]
      if (sections.length === SECTION_COUNT) {
        const next = { language: i18n.language, widths: sections.map((section) => section.getBoundingClientRect().width) }
        remembered = { ...remembered, widths: next }
        setMeasured(next)
      }
      return
    }
    const fit = () => {
      const style = getComputedStyle(bar)
      const pinned = bar.querySelector<HTMLElement>(':scope > .toolbar-pinned')?.getBoundingClientRect().width ?? 0
      const available = bar.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - pinned
      const next = sectionsThatFit(widths, available, MORE_WIDTH)
      remembered = { ...remembered, shown: next }
      setShown(next)
    }
    // Just measured: fit now, before the full row is painted. Otherwise the observer's first report does it,
    // after the page's own layout, and the remembered count is usually right already.
    if (measured !== widthsAtMount) fit()
    const observer = new ResizeObserver(fit)
    observer.observe(bar)
    return () => observer.disconnect()
  }, [widths, measured, widthsAtMount, i18n.language])
  useEffect(() => {
    if (!moreOpen) return
    const close = (event: PointerEvent) => {
      if (!toolbar.current?.contains(event.target as Node)) setMoreOpen(false)
    }
    document.addEventListener('pointerdown', close)
    return () => document.removeEventListener('pointerdown', close)
  }, [moreOpen])

  // Escape closes the link box wherever focus is, the body included, and the writing carries on there. Above
  // the rich-text plugin, whose Escape blurs the body and would drop focus on the page.
  const linkOpen = linkEditing !== null
  useEffect(() => {
    if (!linkOpen) return
    return editor.registerCommand(
      KEY_ESCAPE_COMMAND,
      (event) => {
        event?.preventDefault()
        setLinkEditing(null)
        return true
      },
      COMMAND_PRIORITY_HIGH
    )
  }, [editor, linkOpen])

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read($readFormatState)
          setState((previous) => (sameState(previous, next) ? previous : next))
        }),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (payload) => {
            setCanUndo(payload)
            return false
          },
          COMMAND_PRIORITY_CRITICAL
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (payload) => {
            setCanRedo(payload)
            return false
          },
          COMMAND_PRIORITY_CRITICAL
        ),
        editor.registerCommand(
          OPEN_LINK_EDITOR_COMMAND,
          () => {
            const selection = $getSelection()
            if (!$isRangeSelection(selection)) return false
            const link = $findMatchingParent(selection.anchor.getNode(), $isLinkNode)
            setLinkEditing({
              url: link?.getURL() ?? '',
              editing: link !== null,
              needsText: link === null && selection.isCollapsed(),
              selection: selection.clone()
            })
            return true
          },
          COMMAND_PRIORITY_EDITOR
        ),
        editor.registerCommand(
          OPEN_FIND_COMMAND,
          (mode) => {
            const query = $selectedText()
            setFind((previous) => ({ mode, query, seq: (previous?.seq ?? 0) + 1 }))
            return true
          },
          COMMAND_PRIORITY_EDITOR
        ),
        editor.registerCommand(
          TOGGLE_FIRST_LINE_INDENT_COMMAND,
          () => {
            setFirstLineIndent(!firstLineIndentEnabled())
            return true
          },
          COMMAND_PRIORITY_EDITOR
        )
      ),
    [editor]
  )

  const tooltip = (action: EditorAction, name: string) => {
    const shortcut =
      action === 'replace' ? `${actionShortcutLabel('find', IS_APPLE)} / ${actionShortcutLabel('replace', IS_APPLE)}` : actionShortcutLabel(action, IS_APPLE)
    return t('toolbar.tooltip', { name, shortcut })
  }
  const disabledFor = (action: EditorAction): boolean =>
    (action === 'undo' && !canUndo) || (action === 'redo' && !canRedo) || ((action === 'indent' || action === 'outdent') && !state.inList)

  const reachable = disabledFor(tabStop) ? GROUPS.flat().find((action) => !disabledFor(action)) : tabStop
  // One tab stop for the whole toolbar; arrow keys move between buttons (WAI-ARIA toolbar pattern).
  const onToolbarKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(toolbar.current?.querySelectorAll<HTMLButtonElement>('button.toolbar-button:not(:disabled)') ?? [])]
    const index = buttons.findIndex((button) => button === document.activeElement)
    if (index < 0) {
      if (event.key === 'Escape' && moreOpen) {
        event.preventDefault()
        setMoreOpen(false)
      }
      return
    }
    if (event.key === 'Escape') {
      event.preventDefault()
      setMoreOpen(false)
      editor.focus()
      return
    }
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % buttons.length,
      ArrowLeft: (index - 1 + buttons.length) % buttons.length,
      Home: 0,
      End: buttons.length - 1
    }
    const next = moves[event.key]
    if (next === undefined) return
    event.preventDefault()
    const target = buttons[next]
    target?.focus()
    const action = target?.dataset['action']
    if (action) setTabStop(action as EditorAction)
  }

  const groupSection = (group: readonly EditorAction[]) => (
    <div className="toolbar-group toolbar-section" key={group.join('-')}>
      {group.map((action) => {
        const name = t(`toolbar.actions.${action}`)
        const pressed = pressedFor(action, state, firstLineIndent)
        const face =
          action === 'paragraph' || action === 'heading2' || action === 'heading3' ? (
            <span className="toolbar-text">{t(`toolbar.faces.${action}`)}</span>
          ) : (
            (TEXT_FACES[action] ?? TOOLBAR_ICONS[action])
          )
        return (
          <button
            key={action}
            type="button"
            className={`toolbar-button toolbar-button-${action}`}
            aria-label={name}
            aria-pressed={pressed}
            title={tooltip(action, name)}
            disabled={disabledFor(action)}
            data-action={action}
            tabIndex={action === reachable ? 0 : -1}
            // Keep the caret and selection in the body while clicking.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              editor.update(() => $syncSelectionFromDom(editor), { discrete: true })
              runEditorAction(editor, action, editor.getEditorState().read($readFormatState))
            }}
          >
            {face}
          </button>
        )
      })}
    </div>
  )
  const sections: ReactNode[] = [
    ...GROUPS.slice(0, PHOTOS_AT).map(groupSection),
    <div className="toolbar-section toolbar-section-photos" key="photos">
      <ImageToolbarButtons />
    </div>,
    ...GROUPS.slice(PHOTOS_AT).map(groupSection)
  ]

  return (
    <div className="format-toolbar-area">
      <div ref={toolbar} className="format-toolbar" role="toolbar" aria-label={t('toolbar.label')} onKeyDown={onToolbarKeyDown}>
        {sections.slice(0, visible)}
        {/* Always in the row: it also owns the culling view a folder dropped on the editor opens. */}
        <div className="toolbar-pinned">
          <PhotosButton />
        </div>
        {visible < SECTION_COUNT && (
          <div className="toolbar-more">
            <button
              type="button"
              className="toolbar-button toolbar-more-button"
              aria-label={t('comfort.layout.moreTools')}
              title={t('comfort.layout.moreTools')}
              aria-haspopup="true"
              aria-expanded={moreOpen}
              tabIndex={-1}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => setMoreOpen(!moreOpen)}
            >
              {t('comfort.layout.more')} ▾
            </button>
            {moreOpen && (
              <div className="toolbar-overflow" role="group" aria-label={t('comfort.layout.moreTools')}>
                {sections.slice(visible)}
              </div>
            )}
          </div>
        )}
      </div>
      {linkEditing && (
        <LinkEditor
          initialUrl={linkEditing.url}
          editing={linkEditing.editing}
          needsText={linkEditing.needsText}
          onApply={(href, text) => {
            setLinkEditing(null)
            applyLink(editor, linkEditing.selection, href, text)
          }}
          onRemove={() => {
            setLinkEditing(null)
            applyLink(editor, linkEditing.selection, null, '')
          }}
          onCancel={() => {
            setLinkEditing(null)
            editor.focus()
          }}
        />
      )}
      {find && <FindBar request={find} onClose={() => setFind(null)} />}
    </div>
  )
}
