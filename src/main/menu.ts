import type { UiLanguage } from '../shared/settings'

/** Roles we use; a subset of Electron's MenuItemConstructorOptions['role']. */
export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'window'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'help'
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'

/** A plain-object menu item, structurally assignable to Electron's MenuItemConstructorOptions. */
export type MenuItemTemplate = {
  label?: string
  role?: MenuRole
  type?: 'separator'
  accelerator?: string
  click?: () => void
  submenu?: MenuItemTemplate[]
}

const zhCN = {
  appName: '校园新闻编辑器',
  file: '文件',
  edit: '编辑',
  view: '视图',
  window: '窗口',
  help: '帮助',
  newDraft: '新建稿件',
  quit: '退出',
  closeWindow: '关闭窗口',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  pasteAndMatchStyle: '粘贴并匹配样式',
  delete: '删除',
  selectAll: '全选',
  reload: '重新加载',
  toggleDevTools: '开发者工具',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  togglefullscreen: '切换全屏',
  minimize: '最小化',
  zoom: '缩放',
  front: '前置全部窗口',
  about: '关于校园新闻编辑器',
  services: '服务',
  hide: '隐藏校园新闻编辑器',
  hideOthers: '隐藏其他',
  unhide: '全部显示',
  settings: '设置…'
}

export type MenuLabelKey = keyof typeof zhCN

const MENU_LABELS: Record<UiLanguage, Record<MenuLabelKey, string>> = {
  'zh-CN': zhCN,
  en: {
    appName: 'Campus Newsroom',
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    newDraft: 'New Draft',
    quit: 'Quit',
    closeWindow: 'Close Window',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    pasteAndMatchStyle: 'Paste and Match Style',
    delete: 'Delete',
    selectAll: 'Select All',
    reload: 'Reload',
    toggleDevTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    togglefullscreen: 'Toggle Full Screen',
    minimize: 'Minimize',
    zoom: 'Zoom',
    front: 'Bring All to Front',
    about: 'About Campus Newsroom',
    services: 'Services',
    hide: 'Hide Campus Newsroom',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    settings: 'Settings…'
  }
}

export type MenuTranslate = (key: MenuLabelKey) => string

/** Main has no i18next: the menu's few labels live here, in both UI languages. */
export function menuTranslator(language: UiLanguage): MenuTranslate {
  const labels = MENU_LABELS[language]
  return (key) => labels[key]
}

export type MenuOptions = {
  platform: string
  /** Labels; Chinese when omitted. */
  t?: MenuTranslate
  /** Reload and developer tools only while developing: a reload would drop edits not yet saved. */
  isDev?: boolean
  /** Given once the renderer can receive the command; until then the item is left out. */
  onNewDraft?: () => void
  onOpenSettings?: () => void
}

const separator: MenuItemTemplate = { type: 'separator' }

/**
 * The application menu as plain objects. Standard items carry Electron roles, so each gets the
 * platform's own behaviour and shortcut (Ctrl+Z, Cmd+Shift+V, …) while the label follows the UI language.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemTemplate[] {
  const t = options.t ?? menuTranslator('zh-CN')
  const isMac = options.platform === 'darwin'
  const item = (role: MenuRole & MenuLabelKey): MenuItemTemplate => ({ role, label: t(role) })

  const template: MenuItemTemplate[] = []
  if (isMac) {
    template.push({
      label: t('appName'),
      submenu: [item('about'), separator, item('services'), separator, item('hide'), item('hideOthers'), item('unhide'), separator, item('quit')]
    })
  }

  const fileItems: MenuItemTemplate[] = []
  if (options.onNewDraft) {
    fileItems.push({ label: t('newDraft'), accelerator: 'CmdOrCtrl+N', click: options.onNewDraft }, separator)
  }
  if (options.onOpenSettings) {
    fileItems.push({ label: t('settings'), accelerator: 'CmdOrCtrl+,', click: options.onOpenSettings }, separator)
  }
  fileItems.push(isMac ? { role: 'close', label: t('closeWindow') } : item('quit'))
  template.push({ label: t('file'), submenu: fileItems })

  template.push({
    label: t('edit'),
    submenu: [
      item('undo'),
      item('redo'),
      separator,
      item('cut'),
      item('copy'),
      item('paste'),
      item('pasteAndMatchStyle'),
      item('delete'),
      separator,
      item('selectAll')
    ]
  })

  template.push({
    label: t('view'),
    submenu: [
      ...(options.isDev ? [item('reload'), item('toggleDevTools'), separator] : []),
      item('resetZoom'),
      item('zoomIn'),
      item('zoomOut'),
      separator,
      item('togglefullscreen')
    ]
  })

  template.push({
    label: t('window'),
    role: 'window',
    submenu: isMac ? [item('minimize'), item('zoom'), separator, item('front')] : [item('minimize'), { role: 'close', label: t('closeWindow') }]
  })

  template.push({ label: t('help'), role: 'help', submenu: isMac ? [] : [item('about')] })
  return template
}
