/** Time as a capability, so tests and the crash harness can control it. */
export type Clock = { now(): Date }

export const systemClock: Clock = { now: () => new Date() }
