import type { CheckInput, CheckOptions, CheckResult, CheckSegment, Finding } from '../../../shared/checks/types'

/**
 * Between the page and the check worker, each side sends only what changed since its previous message: a
 * keystroke changes one paragraph of a 20,000-character article and usually none of its findings, and every
 * object cloned is main-thread time. A number stands for the item at that index in the previous message; the
 * options travel only when they are a new object. Both sides see every message in order, so they stay in step.
 */
export type CheckRequest = {
  id: number
  segments: (CheckSegment | number)[]
  photos: CheckInput['photos']
  links: CheckInput['links']
  /** Null: the options of the previous request. */
  options: CheckOptions | null
}

export type CheckResponse =
  | { id: number; ok: true; findings: (Finding | number)[]; rulesRun: string[] | null }
  | { id: number; ok: false; message: string }

/** The page's side of a request: segments are never changed once flattened, so one seen before is named by index. */
export class RequestEncoder {
  private sent = new Map<CheckSegment, number>()
  private options: CheckOptions | null = null

  encode(id: number, input: CheckInput): CheckRequest {
    const sent = new Map<CheckSegment, number>()
    const segments = input.segments.map((segment, index) => {
      const before = this.sent.get(segment)
      sent.set(segment, index)
      return before ?? segment
    })
    const options = input.options === this.options ? null : input.options
    this.sent = sent
    this.options = input.options
    return { id, segments, photos: input.photos, links: input.links, options }
  }
}

/** The worker's side of a request. */
export class RequestDecoder {
  private segments: CheckSegment[] = []
  private options: CheckOptions | null = null

  decode(request: CheckRequest): CheckInput {
    const segments = request.segments.map((segment) => (typeof segment === 'number' ? this.segments[segment] : segment))
    const options = request.options ?? this.options
    if (options === null || segments.some((segment) => segment === undefined)) throw new Error('check request refers to a text the worker never had')
    this.segments = segments as CheckSegment[]
    this.options = options
    return { segments: this.segments, photos: request.photos, links: request.links, options }
  }
}

/** The worker's side of an answer: a finding equal to one in the previous answer is named by its index there. */
export class ResultEncoder {
  private sent = new Map<string, number>()
  private rulesRun = ''

  encode(result: CheckResult): { findings: (Finding | number)[]; rulesRun: string[] | null } {
    const sent = new Map<string, number>()
    const findings = result.findings.map((finding, index) => {
      const key = JSON.stringify(finding)
      const before = this.sent.get(key)
      sent.set(key, index)
      return before ?? finding
    })
    const rulesRun = result.rulesRun.join('\n')
    const same = rulesRun === this.rulesRun
    this.sent = sent
    this.rulesRun = rulesRun
    return { findings, rulesRun: same ? null : result.rulesRun }
  }
}

/**
 * The page's side of an answer. Findings carried over are the previous answer's objects, and an answer equal to
 * the previous one is the previous result itself: the controller and the 检查 panel see "nothing changed" by identity.
 */
export class ResultDecoder {
  private result: CheckResult = { findings: [], rulesRun: [] }

  decode(findings: readonly (Finding | number)[], rulesRun: string[] | null): CheckResult {
    const previous = this.result
    const decoded = findings.map((finding) => (typeof finding === 'number' ? previous.findings[finding] : finding))
    if (decoded.some((finding) => finding === undefined)) throw new Error('check answer refers to a finding the page never had')
    const run = rulesRun ?? previous.rulesRun
    const same = run === previous.rulesRun && decoded.length === previous.findings.length && decoded.every((finding, index) => finding === previous.findings[index])
    if (!same) this.result = { findings: decoded as Finding[], rulesRun: run }
    return this.result
  }
}

/** The worker's handling of requests in order (kept here, apart from the worker's global scope, so tests use it). */
export function createCheckService(run: (input: CheckInput) => CheckResult): (request: CheckRequest) => CheckResponse {
  const requests = new RequestDecoder()
  const answers = new ResultEncoder()
  return (request) => {
    try {
      const result = run(requests.decode(request))
      return { id: request.id, ok: true, ...answers.encode(result) }
    } catch (error) {
      return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }
    }
  }
}
