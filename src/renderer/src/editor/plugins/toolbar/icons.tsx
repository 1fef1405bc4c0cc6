import type { ReactNode } from 'react'
import type { EditorAction } from '../../commands/shortcuts'

/** Line icons drawn inline (the CSP allows no icon fonts from elsewhere); 16 px, in the text colour. */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="toolbar-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round">
        {children}
      </g>
    </svg>
  )
}

const lines = (rows: readonly (readonly [number, number, number])[]) =>
  rows.map(([y, x1, x2]) => <path key={`${y}-${x1}`} d={`M${x1} ${y}H${x2}`} />)

export const TOOLBAR_ICONS: Partial<Record<EditorAction, ReactNode>> = {
  undo: (
    <Icon>
      <path d="M5.5 4 2.5 7l3 3" />
      <path d="M2.5 7h7a4 4 0 0 1 0 8H7" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="m10.5 4 3 3-3 3" />
      <path d="M13.5 7h-7a4 4 0 0 0 0 8H9" />
    </Icon>
  ),
  bulletList: (
    <Icon>
      <circle cx="3" cy="4" r="0.9" fill="currentColor" />
      <circle cx="3" cy="8" r="0.9" fill="currentColor" />
      <circle cx="3" cy="12" r="0.9" fill="currentColor" />
      {lines([
        [4, 6, 14],
        [8, 6, 14],
        [12, 6, 14]
      ])}
    </Icon>
  ),
  numberedList: (
    <Icon>
      <path d="M2 2.8 3 2.2v3.6" strokeWidth="1.1" />
      <path d="M2 9.2c.3-.6 1.9-.7 1.9.3 0 .8-1.9 1.6-1.9 2.3h2" strokeWidth="1.1" />
      {lines([
        [4, 6.5, 14],
        [8, 6.5, 14],
        [12, 6.5, 14]
      ])}
    </Icon>
  ),
  outdent: (
    <Icon>
      {lines([
        [3, 2, 14],
        [13, 2, 14],
        [6.5, 8, 14],
        [9.5, 8, 14]
      ])}
      <path d="M5 6 2.5 8 5 10" />
    </Icon>
  ),
  indent: (
    <Icon>
      {lines([
        [3, 2, 14],
        [13, 2, 14],
        [6.5, 8, 14],
        [9.5, 8, 14]
      ])}
      <path d="m2.5 6 2.5 2-2.5 2" />
    </Icon>
  ),
  quote: (
    <Icon>
      <path d="M3 3v10" strokeWidth="2" />
      {lines([
        [5, 6.5, 14],
        [8, 6.5, 14],
        [11, 6.5, 11.5]
      ])}
    </Icon>
  ),
  link: (
    <Icon>
      <path d="M6.8 9.2a2.6 2.6 0 0 0 3.7 0l2.3-2.3a2.6 2.6 0 0 0-3.7-3.7l-.9.9" />
      <path d="M9.2 6.8a2.6 2.6 0 0 0-3.7 0L3.2 9.1a2.6 2.6 0 0 0 3.7 3.7l.9-.9" />
    </Icon>
  ),
  alignLeft: <Icon>{lines([[3, 2, 14], [6.3, 2, 10], [9.7, 2, 14], [13, 2, 10]])}</Icon>,
  alignCenter: <Icon>{lines([[3, 2, 14], [6.3, 4, 12], [9.7, 2, 14], [13, 4, 12]])}</Icon>,
  alignRight: <Icon>{lines([[3, 2, 14], [6.3, 6, 14], [9.7, 2, 14], [13, 6, 14]])}</Icon>,
  alignJustify: <Icon>{lines([[3, 2, 14], [6.3, 2, 14], [9.7, 2, 14], [13, 2, 14]])}</Icon>,
  firstLineIndent: (
    <Icon>
      {lines([
        [3, 7, 14],
        [6.3, 2, 14],
        [9.7, 2, 14],
        [13, 2, 14]
      ])}
      <path d="m2 1.6 2.4 1.4L2 4.4" />
    </Icon>
  ),
  horizontalRule: (
    <Icon>
      <path d="M1.5 8h13" strokeWidth="1.6" />
      <path d="M4 4.5h8M4 11.5h8" opacity="0.45" />
    </Icon>
  ),
  clearFormatting: (
    <Icon>
      <path d="M3 3h8M7 3 5 13" />
      <path d="m10 9 4 4M14 9l-4 4" />
    </Icon>
  ),
  replace: (
    <Icon>
      <circle cx="7" cy="7" r="4.3" />
      <path d="m10.2 10.2 3.6 3.6" />
    </Icon>
  )
}
