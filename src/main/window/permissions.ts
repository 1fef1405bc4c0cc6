/**
 * The only web permission the window gets: writing the clipboard (`navigator.clipboard.write`), which 手动发布's
 * copy buttons use. Chromium sanitizes what is written, and a page can already copy on a click with
 * `document.execCommand('copy')` without any permission, so granting it adds no capability. Reading the
 * clipboard, the camera, notifications, geolocation and the rest stay refused.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write']

export function permissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission)
}
