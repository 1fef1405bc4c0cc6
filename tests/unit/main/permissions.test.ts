import { describe, expect, it } from 'vitest'
import { permissionGranted } from '../../../src/main/window/permissions'

describe('the window’s web permissions', () => {
  it('grants writing the clipboard (手动发布’s copy buttons) and nothing else', () => {
    expect(permissionGranted('clipboard-sanitized-write')).toBe(true)
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fullscreen', 'pointerLock', 'hid', 'serial', 'usb', 'fileSystem', 'unknown']) {
      expect(permissionGranted(permission), permission).toBe(false)
    }
  })
})
