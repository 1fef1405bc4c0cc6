/** Field lengths shared by drafts and article metadata (kept apart so neither module imports the other). */
export const TITLE_MAX = 300
export const COLUMN_MAX = 100
export const NAME_MAX = 60
export const DEPARTMENT_MAX = 100
