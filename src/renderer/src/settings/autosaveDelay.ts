// The autosave delay is stored in milliseconds and shown in seconds, the unit an office user thinks in.

/** 0.8 for 800 ms: the delay as a person reads it. */
export function msToSecondsText(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}

/** Seconds as typed (0.8, 2, 1.5) in milliseconds; null for anything but a number with at most one decimal. */
export function secondsTextToMs(text: string): number | null {
  const trimmed = text.trim().replace('，', '.').replace(',', '.')
  if (!/^\d+(\.\d)?$/.test(trimmed)) return null
  return Math.round(Number(trimmed) * 1000)
}
