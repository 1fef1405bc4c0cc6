/** Nearest-rank percentile of samples in milliseconds, rounded to 0.01 ms. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return round(sorted[rank] ?? Number.NaN)
}

export const median = (samples: readonly number[]) => percentile(samples, 50)

export function round(ms: number): number {
  return Math.round(ms * 100) / 100
}

export async function timed(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await task()
  return performance.now() - start
}
