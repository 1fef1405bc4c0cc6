// bench/checks.ts looks for `measureMainThread` here; the measurement lives in bench/lib/checksKeystroke.ts.
export { measureChecksKeystroke as measureMainThread } from './lib/checksKeystroke'
