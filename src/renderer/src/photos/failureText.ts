import type { TFunction } from 'i18next'
import { IMAGE_FAILURE_CODES, type ImageFailureCode } from '@shared/model/image'

/** One photo's failure in words: what happened and what to do, from the service's code. */
export function failureText(t: TFunction, code: ImageFailureCode): string {
  return t(`photos.failures.${IMAGE_FAILURE_CODES.includes(code) ? code : 'internal'}`)
}
