import { useEffect, useRef, type ReactNode } from 'react'

type Props = {
  labelledBy: string
  describedBy?: string
  /** alertdialog for confirmations of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog'
  onClose(): void
  /**
   * Where focus goes when the dialog closes and the element that opened it is gone (a workflow step that was
   * just signed, a draft just trashed): the caller names the sensible successor.
   */
  focusAfter?: () => HTMLElement | null | undefined
  /**
   * The dialog's result for screen readers (已发布 …). Its live region is in the dialog from the start (the
   * page behind a modal is inert, and a region inserted with its text is not read): only the text changes.
   */
  status?: string
  className?: string
  children: ReactNode
}

/**
 * A modal built on the native <dialog>: showModal() gives focus containment, Escape to close and an
 * inert page behind it without extra code. Closing returns focus to the element that opened it, or to the
 * caller's successor, so a keyboard user never lands on the page body.
 */
export function Modal({ labelledBy, describedBy, role = 'dialog', onClose, focusAfter, status, className, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  const successor = useRef(focusAfter)
  useEffect(() => {
    successor.current = focusAfter
  })
  useEffect(() => {
    const element = dialog.current
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
    if (element && !element.open) {
      element.showModal()
      // showModal() focuses the first control; a dialog can name a better start (预览's 关闭, not 导出网页).
      element.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    }
    return () => {
      element?.close()
      restoreFocus(opener, () => successor.current?.() ?? null)
    }
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
      <div aria-live="polite" aria-atomic="true" className="visually-hidden">
        {status}
      </div>
    </dialog>
  )
}

/**
 * The opener if it is still in the page, else the successor. Checked again a frame later: the closing action
 * often re-renders its opener away (the step button after signing) in a commit that follows this one.
 */
function restoreFocus(opener: HTMLElement | null, successor: () => HTMLElement | null): void {
  const place = () => {
    if (opener?.isConnected) opener.focus()
    // A disabled or hidden opener does not take focus either.
    if (document.activeElement !== opener) successor()?.focus()
  }
  place()
  requestAnimationFrame(() => {
    const active = document.activeElement
    if (!active || active === document.body || !active.isConnected) place()
  })
}
