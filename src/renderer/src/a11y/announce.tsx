import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react'

type Announce = (text: string) => void

const AnnounceContext = createContext<Announce>(() => undefined)

/** Says a result to screen readers through the window's one status region (workflow steps, saves that matter). */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext)
}

/**
 * The window's status region: in the page from the start and only its text changes, because screen readers
 * ignore a live region that arrives together with its text. The same words twice are read twice: the region
 * is emptied and refilled a frame later.
 */
export function StatusRegion({ children }: { children: ReactNode }) {
  const [text, setText] = useState('')
  const frame = useRef(0)
  const announce = useCallback((next: string) => {
    cancelAnimationFrame(frame.current)
    setText('')
    frame.current = requestAnimationFrame(() => setText(next))
  }, [])
  useEffect(() => () => cancelAnimationFrame(frame.current), [])
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className="visually-hidden app-status">
        {text}
      </div>
    </AnnounceContext.Provider>
  )
}
