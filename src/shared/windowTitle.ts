/**
 * The window's title (taskbar button, Alt+Tab, the Dock's window list): the open draft's title first, so
 * a person with several things open finds the article, then the app's name.
 */
export function windowTitle(input: { appName: string; draftTitle?: string | null | undefined; untitled: string }): string {
  if (input.draftTitle === undefined || input.draftTitle === null) return input.appName
  const title = input.draftTitle.replace(/\s+/g, ' ').trim() || input.untitled
  const short = [...title].length > 60 ? `${[...title].slice(0, 60).join('')}…` : title
  return `${short} — ${input.appName}`
}
