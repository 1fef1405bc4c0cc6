import { createContext, useContext } from 'react'
import type { Chain } from '@shared/model/chain'
import { DEFAULT_CHAIN } from '@shared/model/chainPresets'

/** The office's chain from settings, for every status chip and workflow control below the app. */
export const ChainContext = createContext<Chain>(DEFAULT_CHAIN)

export const useChain = (): Chain => useContext(ChainContext)
