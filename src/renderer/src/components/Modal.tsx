import { useEffect, useRef, type ReactNode } from 'react'

type Props = {
  labelledBy: string
  describedBy?: string
  /** alertdialog for confirmations of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog'
  onClose(): void
  className?: string
  children: ReactNode
}

/**
 * A modal built on the native <dialog>: showModal() gives focus containment, Escape to close and an
 * inert page behind it without extra code.
 */
export function Modal({ labelledBy, describedBy, role = 'dialog', onClose, className, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])
  return (
    <dialog
      ref={dialog}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={`modal ${className ?? ''}`}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      {children}
    </dialog>
  )
}
