import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  AUTOSAVE_DELAY_MAX_MS,
  AUTOSAVE_DELAY_MIN_MS,
  UI_LANGUAGES,
  type Settings,
  type SettingsPatch,
  type UiLanguage
} from '@shared/settings'
import { Modal } from '../components/Modal'
import { TabList } from '../components/TabList'
import { msToSecondsText, secondsTextToMs } from './autosaveDelay'
import { CreditSettings, articleSettingsValid, type ArticleSettingsValue } from './credit/CreditSettings'
import { DirectoryManager } from './directory/DirectoryManager'
import { PublishTargetsManager } from '../publish/targets/PublishTargetsManager'
import { PhotoCompressionFields, usePhotoCompressionForm } from '../photos/PhotoCompressionFields'
import { WechatTemplateFields, useWechatTemplateForm } from '../wechat/WechatTemplateFields'
import { WorkflowSettingsFields } from '../workflow/WorkflowSettingsFields'
import { ChainSettings, chainSettingsValid, type ChainSettingsValue } from './chain/ChainSettings'
import { SigningKeys } from './chain/SigningKeys'

import { AboutSection } from './AboutSection'
import { CheckSettingsFields } from '../checks/CheckSettingsFields'
import type { CheckSettings } from '@shared/checks/settings'

const SETTINGS_TABS = ['general', 'article', 'checks', 'chain', 'directory', 'publish', 'advanced', 'about'] as const
export type SettingsTab = (typeof SETTINGS_TABS)[number]

/** Tabs whose changes apply at once (they save each entry themselves); the others wait for 保存. */
const INSTANT_TABS: readonly SettingsTab[] = ['directory', 'publish']

type Props = {
  settings: Settings
  /** The folder in use right now, from app.info (settings.dataDir is empty when it is the default). */
  currentDataDir: string
  onSave(patch: SettingsPatch): void
  /** Main's own folder dialog and confirmation; the field cannot be typed in. */
  onChooseDataDir(): void
  onClose(): void
  /** The tab shown first, e.g. 'publish' when a publish error says to check 设置 → 发布. */
  initialTab?: SettingsTab
}

export function SettingsDialog({ settings, currentDataDir, onSave, onChooseDataDir, onClose, initialTab = 'general' }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [language, setLanguage] = useState<UiLanguage>(settings.language)
  const [delay, setDelay] = useState(msToSecondsText(settings.autosaveDelayMs))
  const shownDataDir = settings.dataDir || currentDataDir
  const [userName, setUserName] = useState(settings.userName)
  const [requireApproval, setRequireApproval] = useState(settings.requireApproval)
  const delayMs = secondsTextToMs(delay)
  const delayValid = delayMs !== null && delayMs >= AUTOSAVE_DELAY_MIN_MS && delayMs <= AUTOSAVE_DELAY_MAX_MS
  const bounds = { min: AUTOSAVE_DELAY_MIN_MS / 1000, max: AUTOSAVE_DELAY_MAX_MS / 1000 }
  const [tab, setTab] = useState<SettingsTab>(initialTab)
  const [article, setArticle] = useState<ArticleSettingsValue>({
    requiredMetadata: settings.requiredMetadata,
    creditTemplate: settings.creditTemplate,
    creditScript: settings.creditScript
  })
  const articleValid = articleSettingsValid(article)
  const [chainValue, setChainValue] = useState<ChainSettingsValue>({ chain: settings.chain, requireSignatures: settings.requireSignatures })
  const chainValid = chainSettingsValid(chainValue)
  const photoForm = usePhotoCompressionForm(settings.photoCompression)
  const wechatForm = useWechatTemplateForm(settings.wechatTemplate)
  const [checks, setChecks] = useState<CheckSettings | null>(settings.checks)
  const tabLabel = (name: SettingsTab) =>
    name === 'general'
      ? t('directory.tabs.general')
      : name === 'article'
        ? t('credit.tab')
        : name === 'checks'
          ? t('checks.settings.tab')
          : name === 'publish'
          ? t('publishTargets.tab')
          : name === 'chain'
            ? t('chain.settings.title')
            : name === 'about'
              ? t('about.tab')
              : name === 'advanced'
                ? t('comfort.settings.advanced')
                : t('directory.tabs.directory')

  function changes(): SettingsPatch {
    const patch: SettingsPatch = {}
    if (language !== settings.language) patch.language = language
    if (delayValid && delayMs !== settings.autosaveDelayMs) patch.autosaveDelayMs = delayMs
    if (article.requiredMetadata.join() !== settings.requiredMetadata.join()) patch.requiredMetadata = article.requiredMetadata
    if (article.creditTemplate !== settings.creditTemplate) patch.creditTemplate = article.creditTemplate
    if (article.creditScript !== settings.creditScript) patch.creditScript = article.creditScript
    if (userName.trim() !== settings.userName) patch.userName = userName.trim()
    if (requireApproval !== settings.requireApproval) patch.requireApproval = requireApproval
    if (photoForm.patch) patch.photoCompression = photoForm.patch
    if (wechatForm.patch) patch.wechatTemplate = wechatForm.patch
    if (JSON.stringify(chainValue.chain) !== JSON.stringify(settings.chain)) patch.chain = chainValue.chain
    if (chainValue.requireSignatures !== settings.requireSignatures) patch.requireSignatures = chainValue.requireSignatures
    if (checks && JSON.stringify(checks) !== JSON.stringify(settings.checks)) patch.checks = checks
    return patch
  }
  const valid = delayValid && articleValid && photoForm.valid && chainValid && wechatForm.valid && checks !== null
  // Nothing typed that 保存 would keep: the dialog offers 关闭, so nobody wonders what 取消 would undo.
  const dirty = !valid || Object.keys(changes()).length > 0

  return (
    <Modal labelledBy={`${ids}-heading`} onClose={onClose} className="modal-settings">
      <form
        className="modal-body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (!valid) return
          onSave(changes())
        }}
      >
        <h2 id={`${ids}-heading`} className="modal-title">
          {t('settings.title')}
        </h2>
        <TabList tabs={SETTINGS_TABS} selected={tab} onSelect={setTab} label={t('settings.title')} idPrefix={ids}>
          {tabLabel}
        </TabList>
        <div role="tabpanel" id={`${ids}-panel-general`} aria-labelledby={`${ids}-tab-general`} className="settings-panel" hidden={tab !== 'general'}>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-language`}>
              {t('settings.language')}
            </label>
            <select id={`${ids}-language`} value={language} onChange={(event) => setLanguage(event.target.value as UiLanguage)}>
              {UI_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`settings.languages.${code}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-datadir`}>
              {t('settings.dataDir')}
            </label>
            <input id={`${ids}-datadir`} type="text" value={shownDataDir} readOnly spellCheck={false} aria-describedby={`${ids}-datadir-hint`} />
            <span id={`${ids}-datadir-hint`} className="field-hint">
              {t('trustBoundaries.dataDirHint')}
            </span>
            <div>
              <button type="button" className="button button-small" onClick={onChooseDataDir}>
                {t('trustBoundaries.chooseDataDir')}
              </button>
            </div>
          </div>
          <WorkflowSettingsFields userName={userName} onUserName={setUserName} requireApproval={requireApproval} onRequireApproval={setRequireApproval} />
        </div>
        <div role="tabpanel" id={`${ids}-panel-article`} aria-labelledby={`${ids}-tab-article`} className="settings-panel" hidden={tab !== 'article'}>
          <CreditSettings value={article} onChange={setArticle} />
          <PhotoCompressionFields form={photoForm} />
          <WechatTemplateFields form={wechatForm} />
        </div>
        <div role="tabpanel" id={`${ids}-panel-checks`} aria-labelledby={`${ids}-tab-checks`} className="settings-panel" hidden={tab !== 'checks'}>
          <CheckSettingsFields initial={settings.checks} onChange={setChecks} />
        </div>
        <div role="tabpanel" id={`${ids}-panel-chain`} aria-labelledby={`${ids}-tab-chain`} className="settings-panel" hidden={tab !== 'chain'}>
          <ChainSettings value={chainValue} onChange={setChainValue} />
          {tab === 'chain' && <SigningKeys userName={settings.userName} />}
        </div>
        <div role="tabpanel" id={`${ids}-panel-directory`} aria-labelledby={`${ids}-tab-directory`} className="settings-panel" hidden={tab !== 'directory'}>
          {tab === 'directory' && <DirectoryManager />}
        </div>
        <div role="tabpanel" id={`${ids}-panel-publish`} aria-labelledby={`${ids}-tab-publish`} className="settings-panel" hidden={tab !== 'publish'}>
          {tab === 'publish' && <PublishTargetsManager />}
        </div>
        <div role="tabpanel" id={`${ids}-panel-about`} aria-labelledby={`${ids}-tab-about`} className="settings-panel" hidden={tab !== 'about'}>
          {tab === 'about' && <AboutSection />}
        </div>
        <div role="tabpanel" id={`${ids}-panel-advanced`} aria-labelledby={`${ids}-tab-advanced`} className="settings-panel" hidden={tab !== 'advanced'}>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-delay`}>
              {t('comfort.settings.autosaveDelay')}
            </label>
            <input
              id={`${ids}-delay`}
              type="number"
              inputMode="decimal"
              min={bounds.min}
              max={bounds.max}
              step={0.1}
              value={delay}
              aria-invalid={!delayValid}
              aria-describedby={`${ids}-delay-hint`}
              onChange={(event) => setDelay(event.target.value)}
            />
            <span id={`${ids}-delay-hint`} className={delayValid ? 'field-hint' : 'field-error'}>
              {delayValid ? t('comfort.settings.autosaveDelayHint', bounds) : t('comfort.settings.autosaveDelayInvalid', bounds)}
            </span>
          </div>
        </div>
        <div className="modal-actions settings-actions">
          <span className="settings-save-model" data-testid="settings-save-model">
            {INSTANT_TABS.includes(tab) ? t('comfort.settings.saveModelInstant') : t('comfort.settings.saveModelForm')}
          </span>
          <button type="button" className="button" onClick={onClose}>
            {dirty ? t('settings.cancel') : t('comfort.settings.close')}
          </button>
          <button type="submit" className="button button-primary" disabled={!valid || !dirty}>
            {t('settings.save')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
