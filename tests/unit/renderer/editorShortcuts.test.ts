import { describe, expect, it } from 'vitest'
import {
  actionForKey,
  actionShortcutLabel,
  EDITOR_ACTIONS,
  SHORTCUTS,
  shortcutLabel,
  type KeyEventLike
} from '../../../src/renderer/src/editor/commands/shortcuts'

const key = (k: string, code: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({
  key: k,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods
})

describe('editor shortcuts', () => {
  it('gives every toolbar action a shortcut, and no two actions the same one on either platform', () => {
    for (const apple of [false, true]) {
      const labels = EDITOR_ACTIONS.flatMap((action) => SHORTCUTS[action].map((s) => shortcutLabel(s, apple)))
      expect(new Set(labels).size, apple ? 'mac' : 'others').toBe(labels.length)
      for (const action of EDITOR_ACTIONS) expect(actionShortcutLabel(action, apple), action).not.toBe('')
    }
  })

  it('uses Ctrl elsewhere and ⌘ on a Mac, never both', () => {
    expect(actionForKey(key('b', 'KeyB', { ctrlKey: true }), false)).toBe('bold')
    expect(actionForKey(key('b', 'KeyB', { metaKey: true }), true)).toBe('bold')
    expect(actionForKey(key('b', 'KeyB', { ctrlKey: true }), true)).toBeNull()
    expect(actionForKey(key('b', 'KeyB', { metaKey: true }), false)).toBeNull()
    expect(actionForKey(key('b', 'KeyB', { ctrlKey: true, altKey: true }), false)).toBeNull()
  })

  it('matches digits and symbols by physical key, whatever Shift or Alt made them type', () => {
    expect(actionForKey(key('&', 'Digit7', { ctrlKey: true, shiftKey: true }), false)).toBe('numberedList')
    expect(actionForKey(key('*', 'Digit8', { ctrlKey: true, shiftKey: true }), false)).toBe('bulletList')
    expect(actionForKey(key('(', 'Digit9', { ctrlKey: true, shiftKey: true }), false)).toBe('quote')
    expect(actionForKey(key('™', 'Digit2', { metaKey: true, altKey: true }), true)).toBe('heading2')
    expect(actionForKey(key('3', 'Digit3', { ctrlKey: true, altKey: true }), false)).toBe('heading3')
    expect(actionForKey(key('0', 'Digit0', { ctrlKey: true, altKey: true }), false)).toBe('paragraph')
    expect(actionForKey(key('\\', 'Backslash', { ctrlKey: true }), false)).toBe('clearFormatting')
    expect(actionForKey(key('-', 'Minus', { ctrlKey: true, altKey: true }), false)).toBe('horizontalRule')
    // Ctrl+- without Alt is the zoom-out of the View menu, not ours.
    expect(actionForKey(key('-', 'Minus', { ctrlKey: true }), false)).toBeNull()
  })

  it('matches letters by what they type, and by position on a non-Latin layout', () => {
    expect(actionForKey(key('X', 'KeyX', { ctrlKey: true, shiftKey: true }), false)).toBe('strikethrough')
    expect(actionForKey(key('и', 'KeyB', { ctrlKey: true }), false)).toBe('bold')
    expect(actionForKey(key('K', 'KeyK', { ctrlKey: true }), false)).toBe('link')
    expect(actionForKey(key('f', 'KeyF', { ctrlKey: true }), false)).toBe('find')
    expect(actionForKey(key('h', 'KeyH', { ctrlKey: true }), false)).toBe('replace')
    expect(actionForKey(key('e', 'KeyE', { ctrlKey: true, shiftKey: true }), false)).toBe('alignCenter')
  })

  it('redoes with Ctrl+Y only where that is the convention', () => {
    expect(actionForKey(key('y', 'KeyY', { ctrlKey: true }), false)).toBe('redo')
    expect(actionForKey(key('y', 'KeyY', { metaKey: true }), true)).toBeNull()
    expect(actionForKey(key('Z', 'KeyZ', { metaKey: true, shiftKey: true }), true)).toBe('redo')
    expect(actionForKey(key('z', 'KeyZ', { ctrlKey: true }), false)).toBe('undo')
  })

  it('nests lists with plain Tab and Shift+Tab', () => {
    expect(actionForKey(key('Tab', 'Tab'), false)).toBe('indent')
    expect(actionForKey(key('Tab', 'Tab', { shiftKey: true }), false)).toBe('outdent')
    expect(actionForKey(key('Tab', 'Tab', { ctrlKey: true }), false)).toBeNull()
  })

  it('writes shortcuts the way each platform does', () => {
    expect(actionShortcutLabel('strikethrough', false)).toBe('Ctrl+Shift+X')
    expect(actionShortcutLabel('strikethrough', true)).toBe('⇧⌘X')
    expect(actionShortcutLabel('heading2', false)).toBe('Ctrl+Alt+2')
    expect(actionShortcutLabel('heading2', true)).toBe('⌥⌘2')
    expect(actionShortcutLabel('redo', false)).toBe('Ctrl+Shift+Z / Ctrl+Y')
    expect(actionShortcutLabel('redo', true)).toBe('⇧⌘Z')
    expect(actionShortcutLabel('clearFormatting', false)).toBe('Ctrl+\\')
    expect(actionShortcutLabel('outdent', false)).toBe('Shift+Tab')
  })
})
