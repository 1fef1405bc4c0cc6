import { startTransition, useEffect, useState } from 'react'

/** A hidden window runs no animation frames; what waits for one still comes after this long. */
const FALLBACK_MS = 250

/**
 * False on the first render, true once that render has been painted: what can follow (side panels) renders
 * then, as a transition that typing interrupts.
 */
export function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    let done = false
    const show = () => {
      if (done) return
      done = true
      startTransition(() => setReady(true))
    }
    // A message posted from an animation frame callback is handled after that frame is painted.
    const channel = new MessageChannel()
    channel.port1.onmessage = show
    const frame = requestAnimationFrame(() => channel.port2.postMessage(null))
    const fallback = setTimeout(show, FALLBACK_MS)
    return () => {
      done = true
      cancelAnimationFrame(frame)
      clearTimeout(fallback)
      channel.port1.close()
    }
  }, [])
  return ready
}
