import { useSyncExternalStore } from 'react'

/**
 * 首行缩进 (2 characters) is how the school's site shows every paragraph, so it is a presentation preference
 * for the whole editor, kept in this renderer's localStorage: it never enters an article's document.
 */
const STORAGE_KEY = 'newsroom.editor.firstLineIndent'
const listeners = new Set<() => void>()

export function firstLineIndentEnabled(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'off'
  } catch {
    return true
  }
}

export function setFirstLineIndent(enabled: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, enabled ? 'on' : 'off')
  } catch {
    // Storage can be full or disabled; the toggle then lasts until the window closes, which is harmless.
  }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

export function useFirstLineIndent(): boolean {
  return useSyncExternalStore(subscribe, firstLineIndentEnabled)
}
