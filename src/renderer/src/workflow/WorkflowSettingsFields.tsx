import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { USER_NAME_MAX } from '@shared/settings'

type Props = {
  userName: string
  onUserName(value: string): void
  requireApproval: boolean
  onRequireApproval(value: boolean): void
}

/** 我的姓名 and the approval gate (先审后发), inside the settings dialog. */
export function WorkflowSettingsFields({ userName, onUserName, requireApproval, onRequireApproval }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-name`}>
          {t('workflow.settings.userName')}
        </label>
        <input
          id={`${ids}-name`}
          type="text"
          value={userName}
          maxLength={USER_NAME_MAX}
          aria-describedby={`${ids}-name-hint`}
          onChange={(event) => onUserName(event.target.value)}
        />
        <span id={`${ids}-name-hint`} className="field-hint">
          {t('workflow.settings.userNameHint')}
        </span>
      </div>
      <div className="field field-check">
        <label className="field-label">
          <input
            type="checkbox"
            checked={requireApproval}
            aria-describedby={`${ids}-gate-hint`}
            onChange={(event) => onRequireApproval(event.target.checked)}
          />{' '}
          {t('workflow.settings.requireApproval')}
        </label>
        <span id={`${ids}-gate-hint`} className="field-hint">
          {t('workflow.settings.requireApprovalHint')}
        </span>
      </div>
    </>
  )
}
