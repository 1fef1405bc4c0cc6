import * as nodeFs from 'node:fs/promises'

/**
 * The file-system calls services use. Services receive it as a capability so tests can inject faults
 * (a full disk, a read-only folder) that root on a CI machine cannot otherwise produce.
 */
export type ServiceFs = Pick<
  typeof nodeFs,
  'open' | 'rename' | 'readFile' | 'readdir' | 'mkdir' | 'rm' | 'stat' | 'cp' | 'writeFile'
>

export const nodeServiceFs: ServiceFs = nodeFs
