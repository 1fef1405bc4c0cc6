import { describe, expect, it, vi } from 'vitest'
import { buildMenuTemplate, menuTranslator, type MenuItemTemplate } from '../../../src/main/menu'

const EDIT_ROLES = ['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']

function flatten(items: MenuItemTemplate[]): MenuItemTemplate[] {
  return items.flatMap((item) => [item, ...flatten(item.submenu ?? [])])
}
function topLabels(items: MenuItemTemplate[]): string[] {
  return items.map((item) => item.label ?? '')
}
function menu(items: MenuItemTemplate[], label: string): MenuItemTemplate[] {
  const found = items.find((item) => item.label === label)
  expect(found, `menu ${label}`).toBeDefined()
  return found?.submenu ?? []
}
const roles = (items: MenuItemTemplate[]) => items.flatMap((item) => (item.role ? [item.role] : []))

describe('buildMenuTemplate', () => {
  it('is in Chinese by default', () => {
    const template = buildMenuTemplate({ platform: 'win32' })
    expect(topLabels(template)).toEqual(['文件', '编辑', '视图', '窗口', '帮助'])
    const edit = menu(template, '编辑').filter((item) => item.role)
    expect(edit.map((item) => item.label)).toEqual(['撤销', '重做', '剪切', '复制', '粘贴', '粘贴并匹配样式', '删除', '全选'])
    expect(menu(template, '文件').find((item) => item.role === 'quit')?.label).toBe('退出')
  })

  it('puts every standard edit item in the Edit menu as a role, so Electron supplies the shortcut', () => {
    for (const platform of ['win32', 'linux', 'darwin']) {
      const template = buildMenuTemplate({ platform })
      const edit = menu(template, '编辑')
      expect(roles(edit), platform).toEqual(EDIT_ROLES)
      // An explicit accelerator would override the platform's own (Cmd+Shift+V vs Ctrl+Shift+V …).
      expect(edit.filter((item) => item.accelerator)).toEqual([])
    }
  })

  it('has no label left untranslated in either language', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      for (const platform of ['win32', 'darwin']) {
        const items = flatten(buildMenuTemplate({ platform, t: menuTranslator(language), isDev: true }))
        for (const item of items) {
          if (item.type === 'separator') continue
          expect(item.label, JSON.stringify(item)).toMatch(/\S/)
        }
      }
    }
  })

  it('uses English labels when the language is en', () => {
    const template = buildMenuTemplate({ platform: 'linux', t: menuTranslator('en') })
    expect(topLabels(template)).toEqual(['File', 'Edit', 'View', 'Window', 'Help'])
    expect(menu(template, 'Edit').find((item) => item.role === 'pasteAndMatchStyle')?.label).toBe('Paste and Match Style')
    expect(JSON.stringify(template)).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('offers reload and developer tools only in development', () => {
    const prodRoles = roles(flatten(buildMenuTemplate({ platform: 'win32', isDev: false })))
    expect(prodRoles).not.toContain('reload')
    expect(prodRoles).not.toContain('toggleDevTools')
    expect(prodRoles).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']))
    const devRoles = roles(flatten(buildMenuTemplate({ platform: 'win32', isDev: true })))
    expect(devRoles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('puts the app menu first on macOS, with About and Quit there', () => {
    const template = buildMenuTemplate({ platform: 'darwin' })
    expect(topLabels(template)).toEqual(['校园新闻编辑器', '文件', '编辑', '视图', '窗口', '帮助'])
    expect(roles(template[0]?.submenu ?? [])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'])
    expect(roles(menu(template, '文件'))).toEqual(['close'])
    expect(roles(menu(template, '窗口'))).toEqual(['minimize', 'zoom', 'front'])
  })

  it('keeps Quit in the File menu elsewhere, and About under Help', () => {
    const template = buildMenuTemplate({ platform: 'win32' })
    expect(roles(flatten(template)).filter((role) => role === 'quit')).toHaveLength(1)
    expect(roles(menu(template, '文件'))).toContain('quit')
    expect(roles(menu(template, '帮助'))).toEqual(['about'])
  })

  it('adds 新建稿件 with Ctrl/Cmd+N only when something can act on it', () => {
    expect(flatten(buildMenuTemplate({ platform: 'win32' })).some((item) => item.label === '新建稿件')).toBe(false)
    const onNewDraft = vi.fn()
    const newDraft = flatten(buildMenuTemplate({ platform: 'win32', onNewDraft })).find((item) => item.label === '新建稿件')
    expect(newDraft?.accelerator).toBe('CmdOrCtrl+N')
    newDraft?.click?.()
    expect(onNewDraft).toHaveBeenCalledOnce()
  })

  it('adds 设置… with Ctrl/Cmd+, only when something can act on it', () => {
    expect(flatten(buildMenuTemplate({ platform: 'linux' })).some((item) => item.label === '设置…')).toBe(false)
    const onOpenSettings = vi.fn()
    const settings = flatten(buildMenuTemplate({ platform: 'linux', onOpenSettings })).find((item) => item.label === '设置…')
    expect(settings?.accelerator).toBe('CmdOrCtrl+,')
    settings?.click?.()
    expect(onOpenSettings).toHaveBeenCalledOnce()
  })
})
