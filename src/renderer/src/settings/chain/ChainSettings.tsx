import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { CHAIN_PRESETS, ChainSchema, presetChain, STEP_NAME_MAX, type Chain, type ChainPreset } from '@shared/model/chain'
import '../../workflow/chain.css'

export type ChainSettingsValue = { chain: Chain; requireSignatures: boolean }

export const chainSettingsValid = (value: ChainSettingsValue): boolean => ChainSchema.safeParse(value.chain).success

type Props = { value: ChainSettingsValue; onChange(value: ChainSettingsValue): void }

/** 审签流程: the office's chain (from a preset, step names and the gate editable) and whether only signed sign-offs count here. */
export function ChainSettings({ value, onChange }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const { chain } = value
  const setChain = (next: Chain) => onChange({ ...value, chain: next })
  const editStep = (index: number, change: Partial<Chain['steps'][number]>) =>
    setChain({ ...chain, preset: 'custom', steps: chain.steps.map((step, i) => (i === index ? { ...step, ...change } : step)) })
  const names = chain.steps.map((step) => step.name.trim())

  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-preset`}>
          {t('chain.settings.preset')}
        </label>
        <select
          id={`${ids}-preset`}
          value={chain.preset}
          onChange={(event) => {
            const preset = event.target.value
            if (preset !== 'custom') setChain(presetChain(preset as ChainPreset))
          }}
        >
          {[...CHAIN_PRESETS, 'custom' as const].map((preset) => (
            <option key={preset} value={preset} disabled={preset === 'custom'}>
              {t(`chain.settings.presets.${preset}`)}
            </option>
          ))}
        </select>
        <span className="field-hint">{t('chain.settings.hint')}</span>
      </div>
      <fieldset className="field">
        <legend className="field-label">{t('chain.settings.steps')}</legend>
        {chain.steps.map((step, index) => {
          const name = names[index] ?? ''
          const invalid = name === '' || names.indexOf(name) !== index
          return (
            <div key={step.id} className="chain-step">
              <input
                type="text"
                aria-label={`${t('chain.settings.stepName')} ${index + 1}`}
                aria-invalid={invalid || undefined}
                value={step.name}
                maxLength={STEP_NAME_MAX}
                onChange={(event) => editStep(index, { name: event.target.value })}
              />{' '}
              <label>
                <input type="checkbox" checked={step.gate} onChange={(event) => editStep(index, { gate: event.target.checked })} /> {t('chain.settings.gate')}
              </label>
            </div>
          )
        })}
      </fieldset>
      <div className="field field-check">
        <label className="field-label">
          <input type="checkbox" checked={value.requireSignatures} onChange={(event) => onChange({ ...value, requireSignatures: event.target.checked })} />{' '}
          {t('chain.settings.requireSignatures')}
        </label>
      </div>
    </>
  )
}
