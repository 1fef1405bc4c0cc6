/// <reference lib="dom" />
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

suite('settings dialog', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('keeps one size across tabs, says how each tab saves, and takes the autosave delay in seconds under 高级', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 650 } })
    const { page } = app
    await page.getByRole('button', { name: '设置', exact: true }).click()
    const settings = page.getByRole('dialog', { name: '设置' })
    const sizes = new Set<string>()
    const notes: Record<string, string | null> = {}
    for (const name of ['常规', '稿件信息与署名', '通讯录', '发布', '高级']) {
      await settings.getByRole('tab', { name }).click()
      await expect.poll(() => settings.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true')
      const box = await settings.boundingBox()
      sizes.add(`${Math.round(box?.width ?? 0)}x${Math.round(box?.height ?? 0)}`)
      notes[name] = await settings.getByTestId('settings-save-model').textContent()
    }
    expect([...sizes]).toHaveLength(1)
    expect(notes['常规']).toBe('本页的修改在点“保存”后生效。')
    expect(notes['通讯录']).toBe('本页的修改会立即生效，不需要点“保存”。')
    expect(notes['发布']).toBe('本页的修改会立即生效，不需要点“保存”。')

    // Nothing changed yet: the way out is 关闭 and 保存 has nothing to do.
    expect(await settings.getByRole('button', { name: '关闭' }).count()).toBe(1)
    expect(await settings.getByRole('button', { name: '保存', exact: true }).isDisabled()).toBe(true)

    const delay = settings.getByLabel('自动保存间隔（秒）')
    expect(await delay.inputValue()).toBe('0.8')
    await delay.fill('100')
    await expect.poll(() => settings.getByText('请输入 0.2 到 10 之间的秒数，可带一位小数。').count()).toBe(1)
    await delay.fill('1.5')
    expect(await settings.getByRole('button', { name: '取消' }).count()).toBe(1)
    await settings.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => app!.services.settings.get().autosaveDelayMs).toBe(1500)
  })

  it('inserts credit-line fields where the caret is and shows the example at once', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByRole('button', { name: '设置', exact: true }).click()
    const settings = page.getByRole('dialog', { name: '设置' })
    await settings.getByRole('tab', { name: '稿件信息与署名' }).click()
    const template = settings.getByLabel('署名模板')
    await template.fill('[{authors}{role.authors}]')
    await template.press('End')
    await settings.getByRole('group', { name: '可插入的内容' }).getByRole('button', { name: '+ 编辑' }).click()
    await expect.poll(() => template.inputValue()).toBe('[{authors}{role.authors}]；[{editor}{role.editor}]')
    await expect.poll(() => settings.getByTestId('credit-example').textContent()).toBe('（张三供稿；赵六编辑）')
  })
})
