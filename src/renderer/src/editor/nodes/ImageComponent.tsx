import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type CompositionEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { $getNodeByKey, $getSelection, $isNodeSelection, $setSelection, CLICK_COMMAND, COMMAND_PRIORITY_LOW, type LexicalNode, type NodeKey } from 'lexical'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useLexicalEditable } from '@lexical/react/useLexicalEditable'
import { useLexicalNodeSelection } from '@lexical/react/useLexicalNodeSelection'
import { IMAGE_ALIGNS, IMAGE_WIDTHS } from '@shared/article/schema'
import { useAssets, type PhotoLabels } from '../plugins/images/AssetContext'
import { $removePhotoBlock } from '../plugins/images/removePhotoBlock'
import { $isImageNode, type ImageNode, type ImageViewProps } from './ImageNode'

/** Runs a change on this block's node, if it is still in the document. */
export function useNodeUpdate<T extends LexicalNode>(nodeKey: NodeKey, is: (node: LexicalNode | null) => node is T) {
  const [editor] = useLexicalComposerContext()
  return useCallback(
    (change: (node: T) => void) =>
      editor.update(() => {
        const node = $getNodeByKey(nodeKey)
        if (is(node)) change(node)
      }),
    [editor, nodeKey, is]
  )
}

/**
 * Selects the block when its picture is clicked, as Lexical's playground does for images: a selected block is
 * what Backspace and Delete remove and what the drag handles move.
 */
export function usePhotoBlockSelection(nodeKey: NodeKey, frame: RefObject<HTMLElement | null>) {
  const [editor] = useLexicalComposerContext()
  const [isSelected, setSelected, clearSelection] = useLexicalNodeSelection(nodeKey)
  useEffect(
    () =>
      editor.registerCommand(
        CLICK_COMMAND,
        (event) => {
          const target = event.target
          if (!(target instanceof Element) || !frame.current?.contains(target) || target.closest('input, button, textarea')) return false
          if (!event.shiftKey) clearSelection()
          setSelected(true)
          return true
        },
        COMMAND_PRIORITY_LOW
      ),
    [editor, frame, clearSelection, setSelected]
  )
  return isSelected
}

/**
 * Typing in a field inside the body must not leave the block selected: Backspace would then remove the
 * whole picture instead of a character.
 */
export function useReleaseBlockSelection() {
  const [editor] = useLexicalComposerContext()
  return useCallback(
    () =>
      editor.update(() => {
        if ($isNodeSelection($getSelection())) $setSelection(null)
      }),
    [editor]
  )
}

type FieldProps = {
  label: string
  placeholder?: string
  value: string
  className: string
  readOnly: boolean
  onFocus(): void
  onCommit(value: string): void
}

/**
 * A one-line text field inside the body (caption, alt text, credit). It keeps what is typed locally and writes
 * it to the document as it goes, but not in the middle of a Pinyin composition, so the IME's letters never
 * reach the saved article.
 */
export function PhotoField({ label, placeholder, value, className, readOnly, onFocus, onCommit }: FieldProps) {
  const id = useId()
  const [text, setText] = useState(value)
  const [stored, setStored] = useState(value)
  // Follows changes made elsewhere (undo, redo) without fighting the person typing.
  if (value !== stored) {
    setStored(value)
    setText(value)
  }
  return (
    <span className={`photo-field ${className}`}>
      <label htmlFor={id} className="photo-field-label">
        {label}
      </label>
      <input
        id={id}
        type="text"
        className="photo-field-input"
        value={text}
        placeholder={placeholder}
        readOnly={readOnly}
        spellCheck={false}
        onFocus={onFocus}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          setText(event.target.value)
          if (!(event.nativeEvent as InputEvent).isComposing) onCommit(event.target.value)
        }}
        onCompositionEnd={(event: CompositionEvent<HTMLInputElement>) => onCommit(event.currentTarget.value)}
      />
    </span>
  )
}

/**
 * The picture itself. Decoded off the main thread and only when near the view: opening a long article must not
 * wait for (or stall on) dozens of photos below the fold.
 */
export function PhotoImage({ src, alt, editable, labels, onError }: { src: string; alt: string; editable: boolean; labels: PhotoLabels; onError(): void }) {
  return (
    <img
      className="photo-img"
      src={src}
      alt={alt}
      loading="lazy"
      decoding="async"
      draggable={editable}
      title={editable ? labels.dragHint : undefined}
      onError={onError}
    />
  )
}

/** A photo in the body: the picture, its caption and credit, and (when selected) its layout, alt text and delete. */
export function ImageComponent({ nodeKey, image }: ImageViewProps) {
  const editable = useLexicalEditable()
  const { assetUrl, labels } = useAssets()
  const frame = useRef<HTMLElement>(null)
  const isSelected = usePhotoBlockSelection(nodeKey, frame)
  const release = useReleaseBlockSelection()
  const update = useNodeUpdate<ImageNode>(nodeKey, $isImageNode)
  const [broken, setBroken] = useState(false)
  // The tools are built only for the photo being worked on: an article has dozens of photos, and building every
  // photo's hidden tools (about a dozen elements and translations each) slowed opening a long article.
  const [focused, setFocused] = useState(false)
  const src = assetUrl(image.assetId)
  const name = image.alt || image.caption || labels.photo

  return (
    <figure
      ref={frame}
      className={`photo photo-width-${image.width} photo-align-${image.align}${isSelected ? ' is-selected' : ''}`}
      aria-label={name}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setFocused(false)
      }}
    >
      <div className="photo-frame">
        {src !== null && !broken ? (
          <PhotoImage src={src} alt={image.alt} editable={editable} labels={labels} onError={() => setBroken(true)} />
        ) : (
          <div className="photo-missing">{src === null ? labels.loading : labels.missing}</div>
        )}
      </div>
      <figcaption className="photo-caption-row">
        <PhotoField
          className="photo-caption"
          label={labels.caption}
          placeholder={labels.captionPlaceholder}
          value={image.caption}
          readOnly={!editable}
          onFocus={release}
          onCommit={(caption) => update((node) => node.setFields({ caption }))}
        />
        <PhotoField
          className="photo-credit"
          label={labels.credit}
          placeholder={labels.creditPlaceholder}
          value={image.credit}
          readOnly={!editable}
          onFocus={release}
          onCommit={(credit) => update((node) => node.setFields({ credit }))}
        />
      </figcaption>
      {editable && (isSelected || focused) && <PhotoTools nodeKey={nodeKey} image={image} release={release} update={update} />}
    </figure>
  )
}

function PhotoTools({
  nodeKey,
  image,
  release,
  update
}: ImageViewProps & { release(): void; update(change: (node: ImageNode) => void): void }) {
  const { t } = useTranslation()
  return (
    <div className="photo-tools" role="group" aria-label={t('images.tools')}>
      <PhotoField
        className="photo-alt"
        label={t('images.alt')}
        placeholder={t('images.altPlaceholder')}
        value={image.alt}
        readOnly={false}
        onFocus={release}
        onCommit={(alt) => update((node) => node.setFields({ alt }))}
      />
      <span className="photo-tool-group" role="group" aria-label={t('images.width')}>
        {IMAGE_WIDTHS.map((width) => (
          <button
            key={width}
            type="button"
            className="photo-tool"
            aria-pressed={image.width === width}
            onClick={() => update((node) => node.setFields({ width }))}
          >
            {t(`images.widths.${width}`)}
          </button>
        ))}
      </span>
      <span className="photo-tool-group" role="group" aria-label={t('images.align')}>
        {IMAGE_ALIGNS.map((align) => (
          <button
            key={align}
            type="button"
            className="photo-tool"
            aria-pressed={image.align === align}
            onClick={() => update((node) => node.setFields({ align }))}
          >
            {t(`images.aligns.${align}`)}
          </button>
        ))}
      </span>
      <DeletePhotoBlockButton nodeKey={nodeKey} label={t('images.delete')} />
    </div>
  )
}

/** Removes the whole photo block (an image or a gallery) and leaves the caret where it was. */
export function DeletePhotoBlockButton({ nodeKey, label }: { nodeKey: NodeKey; label: string }) {
  const [editor] = useLexicalComposerContext()
  return (
    <button
      type="button"
      className="photo-tool photo-tool-danger"
      onClick={() =>
        editor.update(() => {
          const node = $getNodeByKey(nodeKey)
          if (node) $removePhotoBlock(node)
        })
      }
    >
      {label}
    </button>
  )
}
