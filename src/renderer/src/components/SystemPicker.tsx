import type { RefObject } from 'react'

type Props = {
  ref: RefObject<HTMLInputElement | null>
  type: 'date' | 'datetime-local'
  /** The input's own value: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`, '' for none. */
  value: string
  label?: string
  onPick(value: string): void
}

/**
 * The system's date or time picker, out of sight beside a text field that shows the office's format (DateField,
 * 发布时间): a bare date input would show the operating system's format. A button opens it with `openPicker`.
 */
export function SystemPicker({ ref, type, value, label, onPick }: Props) {
  return <input ref={ref} type={type} className="system-picker" tabIndex={-1} aria-hidden="true" aria-label={label} value={value} onChange={(event) => onPick(event.target.value)} />
}

/** Opens the picker; where none can show (no user gesture, an old engine) the text field still takes a typed date. */
export function openPicker(picker: HTMLInputElement | null): void {
  try {
    picker?.showPicker()
  } catch {
    picker?.focus()
  }
}
