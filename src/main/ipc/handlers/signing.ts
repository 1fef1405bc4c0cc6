import type { signingChannels } from '../../../shared/ipc/channels/signing'
import { AppError } from '../../../shared/errors'
import { keyConfirm } from '../../services/settings/guardedSettings'
import { keyFingerprint } from '../../services/signing/signedForm'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export function createSigningHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof signingChannels> {
  const { signing, directory, settings, confirm } = deps
  return {
    'signing:overview': () => signing().overview(),
    'signing:createKey': async ({ name, pin }) => {
      const key = await signing().createKey(name, pin)
      await directory().setPublicKey(key.name, key.publicKey)
      return key
    },
    'signing:deskKey': async ({ name }) => ({ key: name.trim() === '' ? null : await signing().deskKey(name) }),
    'signing:confirmKey': async ({ name, publicKey }) => {
      // Trusting a key decides whose signatures open the gate on this desk: the person compares the
      // fingerprint in main's own dialog, which a compromised page can neither show falsely nor click.
      if (!(await confirm(keyConfirm(settings.get().language, name, keyFingerprint(publicKey))))) {
        throw new AppError('cancelled', 'the key was not confirmed, so it is not trusted')
      }
      return signing().confirmKey(name, publicKey, settings.get().userName)
    }
  }
}
