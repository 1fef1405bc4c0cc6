/**
 * Runs `task` over `items` with at most `limit` in flight. Items not started when `signal` aborts are
 * handed to `skipped` instead; the ones in flight finish (sharp cannot be interrupted) and decide for
 * themselves what an abort means.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  skipped: (item: T, index: number) => R,
  signal?: AbortSignal
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  async function lane() {
    while (next < items.length) {
      const index = next++
      const item = items[index] as T
      results[index] = signal?.aborted ? skipped(item, index) : await task(item, index)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
  return results
}
