import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema, type Settings, type SettingsPatch } from '../../../shared/settings'
import { AppError } from '../../../shared/errors'

/**
 * The part of `conf` (and so of electron-store, which extends it) that settings need. Main passes an
 * electron-store; tests pass a plain `conf` instance or an in-memory object of this shape.
 */
export type SettingsStore = {
  readonly store: Record<string, unknown>
  set(values: Record<string, unknown>): void
}

export type SettingsService = {
  get(): Settings
  update(patch: SettingsPatch): Settings
  onChange(listener: (next: Settings, previous: Settings) => void): () => void
}

/** Reads each setting on its own, so one bad value (hand-edited file) falls back to its default alone. */
function readSettings(raw: Record<string, unknown>): Settings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const parsed = SettingsSchema.shape[key].safeParse(raw[key])
    if (parsed.success) out[key] = parsed.data
  }
  return SettingsSchema.parse(out)
}

export function createSettingsService(store: SettingsStore): SettingsService {
  const listeners = new Set<(next: Settings, previous: Settings) => void>()
  return {
    get: () => readSettings(store.store),
    update(patch) {
      const parsed = SettingsPatchSchema.safeParse(patch)
      if (!parsed.success) throw new AppError('invalid-request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
      const previous = readSettings(store.store)
      const next = SettingsSchema.parse({ ...previous, ...parsed.data })
      store.set(next)
      for (const listener of listeners) listener(next, previous)
      return next
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}

/** A SettingsStore held in memory, for tests and for the E2E harness. */
export function createMemorySettingsStore(initial: Record<string, unknown> = {}): SettingsStore {
  let data = { ...initial }
  return {
    get store() {
      return { ...data }
    },
    set(values) {
      data = { ...data, ...values }
    }
  }
}
