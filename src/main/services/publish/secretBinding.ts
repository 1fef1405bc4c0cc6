import { createHash } from 'node:crypto'
import type { CmsTarget, PublishTarget, SecretRef, WordPressTarget } from '../../../shared/model/publish'

/**
 * The one place a secret's reference comes from. It names the target and a digest of what the secret was
 * given for (the kind, the site's origin, the user name), so a target re-saved with another address or
 * account, or a new target pointed at the same site, finds no secret: the person types it again. The page
 * never names one (see docs/security.md).
 */
/** Only the API targets keep a password or token; the local site and a hand-published back end have none. */
export function keepsSecret(target: PublishTarget): target is WordPressTarget | CmsTarget {
  return target.kind === 'wordpress' || target.kind === 'cms'
}

export function secretRefFor(target: WordPressTarget | CmsTarget): SecretRef {
  const origin = new URL(target.baseUrl).origin
  const user = target.kind === 'wordpress' ? target.username : ''
  const digest = createHash('sha256').update(JSON.stringify([target.kind, origin, user])).digest('hex').slice(0, 24)
  return `publish:${target.id}:${digest}`
}
