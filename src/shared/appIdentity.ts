/**
 * The app's identity as the installers register it. Windows groups taskbar buttons and routes toast
 * notifications by this id: the running app must use the same one as its Start-menu shortcut, or its
 * notifications are dropped and its windows are not pinned with the shortcut.
 */
export const APP_ID = 'cn.edu.campus.newsroom'
