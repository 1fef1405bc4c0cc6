type Listener = () => void
const listeners = new Set<Listener>()

/** Opens the outbox dialog from elsewhere (the publish dialog's "queued" view); the outbox button listens. */
export function openOutbox(): void {
  for (const listener of listeners) listener()
}

export function onOpenOutbox(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
