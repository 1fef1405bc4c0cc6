import type { TFunction } from 'i18next'
import type { PublishErrorInfo, PublishProgress, PublishTarget } from '@shared/model/publish'

/**
 * The words for publishing's outcomes, shared by the publish dialog, the outbox and the targets settings:
 * one message per error kind a person can act on (docs/publish.md), never the technical detail, which goes
 * to a tooltip.
 */
export function publishErrorText(t: TFunction, error: Pick<PublishErrorInfo, 'kind'>): string {
  return t(`publishing.errors.${error.kind}`)
}

/** "上传图片 3/12", "创建文章" … */
export function publishStepText(t: TFunction, progress: Pick<PublishProgress, 'step' | 'done' | 'total'>): string {
  return t(`publishing.steps.${progress.step}`, { done: progress.done, total: progress.total })
}

export function publishKindText(t: TFunction, kind: PublishTarget['kind']): string {
  return kind === 'manual' ? t('handPublish.kind') : t(`publishing.kinds.${kind}`)
}
