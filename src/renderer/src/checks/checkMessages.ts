import type { CheckInput, CheckResult } from '../../../shared/checks/types'

export type CheckRequest = { id: number; input: CheckInput }
export type CheckResponse = { id: number; ok: true; result: CheckResult } | { id: number; ok: false; message: string }
