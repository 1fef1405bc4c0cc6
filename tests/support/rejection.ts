/** The error `promise` rejects with, which must be a `type`; a resolve or another error fails the test. */
export async function rejectionOf<T>(promise: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error
  )
  if (!(outcome instanceof type)) throw new Error(`expected a ${type.name}, got ${String(outcome)}`)
  return outcome
}
