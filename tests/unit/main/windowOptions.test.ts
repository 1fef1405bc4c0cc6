import { describe, expect, it } from 'vitest'
import { windowOptions, WINDOW_TITLE } from '../../../src/main/window/windowOptions'
import { clampBoundsToDisplays, DEFAULT_WINDOW_STATE, type Rect } from '../../../src/main/window/windowState'

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 }
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }

describe('windowOptions', () => {
  const options = windowOptions({ state: DEFAULT_WINDOW_STATE, displays: [laptop] })

  it('stays hidden until the page is ready, with the Chinese title and a background colour', () => {
    expect(options.show).toBe(false)
    expect(options.title).toBe(WINDOW_TITLE)
    expect(WINDOW_TITLE).toBe('校园新闻编辑器')
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i)
    expect(windowOptions({ state: DEFAULT_WINDOW_STATE, displays: [laptop], backgroundColor: '#fafaf7' }).backgroundColor).toBe('#fafaf7')
  })

  it('lets the system centre a first-launch window', () => {
    const first = windowOptions({ state: DEFAULT_WINDOW_STATE, displays: [] })
    expect(first.x).toBeUndefined()
    expect(first.y).toBeUndefined()
    expect(first.width).toBe(DEFAULT_WINDOW_STATE.width)
  })

  it('restores saved bounds that are on screen, with a minimum size of 960×640', () => {
    const restored = windowOptions({
      state: { x: 2000, y: 100, width: 1400, height: 900, maximized: true },
      displays: [laptop, rightMonitor]
    })
    expect(restored).toMatchObject({ x: 2000, y: 100, width: 1400, height: 900, minWidth: 960, minHeight: 640 })
  })

  it('brings back a window saved on a monitor that has since been unplugged', () => {
    const restored = windowOptions({
      state: { x: 2000, y: 100, width: 1400, height: 900, maximized: false },
      displays: [laptop]
    })
    const { x = Number.NaN, y = Number.NaN, width, height } = restored
    expect(x).toBeGreaterThanOrEqual(0)
    expect(y).toBeGreaterThanOrEqual(0)
    expect(x + width).toBeLessThanOrEqual(laptop.width)
    expect(y + height).toBeLessThanOrEqual(laptop.height)
  })

  it('keeps the minimum size no larger than a small display', () => {
    const netbook: Rect = { x: 0, y: 0, width: 800, height: 560 }
    const small = windowOptions({ state: DEFAULT_WINDOW_STATE, displays: [netbook] })
    expect(small.width).toBeLessThanOrEqual(800)
    expect(small.minWidth).toBeLessThanOrEqual(small.width)
    expect(small.minHeight).toBeLessThanOrEqual(small.height)
  })
})

describe('clampBoundsToDisplays', () => {
  it('leaves bounds that fit on a display alone', () => {
    expect(clampBoundsToDisplays({ x: 100, y: 50, width: 1200, height: 800 }, [laptop])).toEqual({ x: 100, y: 50, width: 1200, height: 800 })
  })

  it('centres a window that lies entirely off every display on the primary one', () => {
    expect(clampBoundsToDisplays({ x: -5000, y: 3000, width: 1200, height: 800 }, [laptop, rightMonitor])).toEqual({
      x: 360,
      y: 120,
      width: 1200,
      height: 800
    })
  })

  it('shrinks a window larger than its display to the work area', () => {
    expect(clampBoundsToDisplays({ x: 0, y: 0, width: 3000, height: 2000 }, [laptop])).toEqual({ x: 0, y: 0, width: 1920, height: 1040 })
  })

  it('pulls a window hanging over the edge fully back onto the display', () => {
    expect(clampBoundsToDisplays({ x: 1500, y: 900, width: 1000, height: 700 }, [laptop])).toEqual({ x: 920, y: 340, width: 1000, height: 700 })
  })

  it('places a window spanning two displays on the one it overlaps most', () => {
    const bounds = clampBoundsToDisplays({ x: 1700, y: 100, width: 1200, height: 800 }, [laptop, rightMonitor])
    expect(bounds).toEqual({ x: 1920, y: 100, width: 1200, height: 800 })
  })

  it('works with displays at negative coordinates (a monitor left of the primary)', () => {
    const left: Rect = { x: -1680, y: 0, width: 1680, height: 1010 }
    expect(clampBoundsToDisplays({ x: -1600, y: 20, width: 1000, height: 700 }, [laptop, left])).toEqual({ x: -1600, y: 20, width: 1000, height: 700 })
  })

  it('grows a saved size below the minimum back to 960×640', () => {
    expect(clampBoundsToDisplays({ x: 10, y: 10, width: 300, height: 200 }, [laptop])).toEqual({ x: 10, y: 10, width: 960, height: 640 })
  })

  it('centres a window with no saved position', () => {
    expect(clampBoundsToDisplays({ width: 1280, height: 800 }, [rightMonitor, laptop])).toEqual({ x: 1920 + 640, y: 300, width: 1280, height: 800 })
  })
})
