/*
 * A server's error text can echo what we sent it, the Authorization header included. Every message that is
 * stored (the outbox) or sent to the page goes through here first.
 */

const MIN_SECRET = 4

function forms(secret: string): string[] {
  const out = new Set([secret, encodeURIComponent(secret), Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, '')])
  return [...out].filter((form) => form.length >= MIN_SECRET)
}

/**
 * Removes each secret (as is, URL-encoded, base64) and every Basic/Bearer credential or Authorization header
 * value, known or not. `credentials` are the secrets and the header values built from them.
 */
export function scrubSecrets(text: string, credentials: readonly string[] = []): string {
  let out = text
  const known = credentials.flatMap((value) => {
    const token = value.replace(/^(Basic|Bearer)\s+/i, '')
    // A Basic value is base64 of "user:password"; its decoded form can be echoed too.
    const decoded = /^Basic\s/i.test(value) ? Buffer.from(token, 'base64').toString('utf8') : ''
    return [...forms(value), ...forms(token), ...(decoded === '' ? [] : forms(decoded))]
  })
  for (const form of known.sort((a, b) => b.length - a.length)) out = out.split(form).join('***')
  return out
    .replace(/\b(Basic|Bearer|Token|Digest)(\s+|%20|\+)[A-Za-z0-9._~+/=:%-]{4,}/gi, '$1 ***')
    .replace(/(authorization["']?\s*[:=]\s*["']?)[^"'\s,;}]+/gi, '$1***')
}
