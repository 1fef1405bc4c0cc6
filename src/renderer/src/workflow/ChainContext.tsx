import { createContext, useContext } from 'react'
import { DEFAULT_CHAIN, type Chain } from '@shared/model/chain'

/** The office's chain from settings, for every status chip and workflow control below the app. */
export const ChainContext = createContext<Chain>(DEFAULT_CHAIN)

export const useChain = (): Chain => useContext(ChainContext)
