/**
 * The editor's keyboard shortcuts as data: one table read by the keydown handler and by the tooltips, so
 * what a button says is what the keyboard does. DOM-free so it can be tested under Node.
 */

export const EDITOR_ACTIONS = [
  'paragraph',
  'heading2',
  'heading3',
  'bold',
  'italic',
  'underline',
  'strikethrough',
  'bulletList',
  'numberedList',
  'indent',
  'outdent',
  'quote',
  'link',
  'alignLeft',
  'alignCenter',
  'alignRight',
  'alignJustify',
  'firstLineIndent',
  'horizontalRule',
  'undo',
  'redo',
  'clearFormatting',
  'find',
  'replace'
] as const
export type EditorAction = (typeof EDITOR_ACTIONS)[number]

/**
 * A key pressed with the primary modifier (Ctrl, or ⌘ on a Mac) unless `primary` is false. `key` is a
 * letter, a digit or one of the named keys below; digits and symbols match by physical key (`event.code`)
 * because Shift changes what they type.
 */
export type Shortcut = { key: string; shift?: boolean; alt?: boolean; primary?: boolean; only?: 'apple' | 'other' }

export const SHORTCUTS: Readonly<Record<EditorAction, readonly Shortcut[]>> = {
  paragraph: [{ key: '0', alt: true }],
  heading2: [{ key: '2', alt: true }],
  heading3: [{ key: '3', alt: true }],
  bold: [{ key: 'b' }],
  italic: [{ key: 'i' }],
  underline: [{ key: 'u' }],
  strikethrough: [{ key: 'x', shift: true }],
  numberedList: [{ key: '7', shift: true }],
  bulletList: [{ key: '8', shift: true }],
  indent: [{ key: 'Tab', primary: false }],
  outdent: [{ key: 'Tab', shift: true, primary: false }],
  quote: [{ key: '9', shift: true }],
  link: [{ key: 'k' }],
  alignLeft: [{ key: 'l', shift: true }],
  alignCenter: [{ key: 'e', shift: true }],
  alignRight: [{ key: 'r', shift: true }],
  alignJustify: [{ key: 'j', shift: true }],
  firstLineIndent: [{ key: 'i', alt: true }],
  horizontalRule: [{ key: '-', alt: true }],
  undo: [{ key: 'z' }],
  redo: [{ key: 'z', shift: true }, { key: 'y', only: 'other' }],
  clearFormatting: [{ key: '\\' }],
  find: [{ key: 'f' }],
  replace: [{ key: 'h' }]
}

/** Shortcuts performed elsewhere: Lexical's own keydown handling, and the Tab handler for list nesting. */
export const NATIVE_ACTIONS: ReadonlySet<EditorAction> = new Set(['bold', 'italic', 'underline', 'undo', 'redo', 'indent', 'outdent'])

const CODE_OF: Record<string, string> = { '-': 'Minus', '\\': 'Backslash', '=': 'Equal' }

export type KeyEventLike = {
  key: string
  code: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

function codeFor(key: string): string | null {
  if (/^[a-z]$/.test(key)) return `Key${key.toUpperCase()}`
  if (/^[0-9]$/.test(key)) return `Digit${key}`
  return CODE_OF[key] ?? null
}

function appliesOn(shortcut: Shortcut, apple: boolean): boolean {
  return shortcut.only === undefined || shortcut.only === (apple ? 'apple' : 'other')
}

export function matchesShortcut(event: KeyEventLike, shortcut: Shortcut, apple: boolean): boolean {
  if (!appliesOn(shortcut, apple)) return false
  const primary = shortcut.primary !== false
  const wantCtrl = primary && !apple
  const wantMeta = primary && apple
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta) return false
  if (event.altKey !== (shortcut.alt ?? false) || event.shiftKey !== (shortcut.shift ?? false)) return false
  const code = codeFor(shortcut.key)
  // Letters match by what they type (so Dvorak users get B for bold) unless Alt or a non-Latin layout changed it.
  if (/^[a-z]$/.test(shortcut.key) && event.key.toLowerCase() === shortcut.key) return true
  if (code !== null) return event.code === code
  return event.key === shortcut.key
}

export function actionForKey(event: KeyEventLike, apple: boolean): EditorAction | null {
  for (const action of EDITOR_ACTIONS) {
    if (SHORTCUTS[action].some((shortcut) => matchesShortcut(event, shortcut, apple))) return action
  }
  return null
}

function keyLabel(key: string): string {
  return key.length === 1 ? key.toUpperCase() : key
}

/** How a shortcut is written on this platform: `Ctrl+Shift+X` elsewhere, `⇧⌘X` on a Mac (Apple's order). */
export function shortcutLabel(shortcut: Shortcut, apple: boolean): string {
  const primary = shortcut.primary !== false
  if (apple) {
    return `${shortcut.alt ? '⌥' : ''}${shortcut.shift ? '⇧' : ''}${primary ? '⌘' : ''}${keyLabel(shortcut.key)}`
  }
  const parts = [primary ? 'Ctrl' : null, shortcut.alt ? 'Alt' : null, shortcut.shift ? 'Shift' : null, keyLabel(shortcut.key)]
  return parts.filter((part) => part !== null).join('+')
}

/** Every shortcut of an action, as shown in its tooltip: `Ctrl+Shift+Z / Ctrl+Y`. */
export function actionShortcutLabel(action: EditorAction, apple: boolean): string {
  return SHORTCUTS[action]
    .filter((shortcut) => appliesOn(shortcut, apple))
    .map((shortcut) => shortcutLabel(shortcut, apple))
    .join(' / ')
}
