import type { signingChannels } from '../../../shared/ipc/channels/signing'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export function createSigningHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof signingChannels> {
  const { signing, directory, settings } = deps
  return {
    'signing:overview': () => signing().overview(),
    'signing:createKey': async ({ name, pin }) => {
      const key = await signing().createKey(name, pin)
      await directory().setPublicKey(key.name, key.publicKey)
      return key
    },
    'signing:deskKey': async ({ name }) => ({ key: name.trim() === '' ? null : await signing().deskKey(name) }),
    'signing:confirmKey': ({ name, publicKey }) => signing().confirmKey(name, publicKey, settings.get().userName)
  }
}
