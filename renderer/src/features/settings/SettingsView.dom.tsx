/**
 * The bureau's settings: the deduction approval threshold, the renewal reminder days, the living
 * allowance left to a person debtor — per person per month, and the months (docs/domain.md rule 5) — and how fresh a frozen balance must be before
 * deducting (docs/domain.md rule 6). Amounts typed in 元, sent as fen. The court's receiving accounts change
 * only under four eyes, in their own panel (CourtAccountsPanel).
 */
import { useEffect, useState } from 'react';
import type { BureauSettings } from '../../../../shared/domain/measure-views';
import type { CallInput } from '../../../../shared/ipc/contract';
import type { AppError } from '../../../../shared/errors';
import { parseYuan } from '../../../../shared/money';
import { MAX_ALLOWANCE_MONTHS } from '../../../../shared/rules/exempt';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { yuanText } from '../freeze/freeze-draft';
import { DeskBack } from '../shell/DeskBack.dom';
import { CourtAccountsPanel } from './CourtAccountsPanel.dom';
import { WorkstationOfficers } from './WorkstationOfficers.dom';

interface SettingsDraft {
  threshold: string;
  reminderDays: string;
  allowance: string;
  months: string;
  maxAge: string;
}

function draftOf(s: BureauSettings): SettingsDraft {
  return {
    threshold: yuanText(s.approvalThreshold),
    reminderDays: s.reminderDays.join(', '),
    allowance: yuanText(s.exemptLivingAllowance),
    months: String(s.exemptLivingMonths),
    maxAge: String(s.balanceMaxAgeMinutes),
  };
}

type Problems = Partial<Record<'threshold' | 'reminderDays' | 'allowance' | 'months' | 'maxAge', string | AppError>>;

export function validateSettings(d: SettingsDraft, t: { invalidDays: string; invalidMinutes: string; invalidMonths: string; required: string }): { problems: Problems; patch: CallInput<'settings', 'set'> | null } {
  const problems: Problems = {};
  const money = (key: 'threshold' | 'allowance', text: string) => {
    const r = parseYuan(text);
    if (!r.ok) problems[key] = r.error;
    else if (r.value < 0) problems[key] = t.required;
    return r.ok ? r.value : 0;
  };
  const approvalThreshold = money('threshold', d.threshold);
  const exemptLivingAllowance = money('allowance', d.allowance);
  const parts = d.reminderDays.split(/[,，、\s]+/).filter(Boolean);
  const days = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  if (days.length > 10 || days.some((n) => !Number.isInteger(n) || n < 0 || n > 365)) problems.reminderDays = t.invalidDays;
  const maxAge = /^\d{1,4}$/.test(d.maxAge.trim()) ? Number(d.maxAge.trim()) : NaN;
  if (!(maxAge >= 1 && maxAge <= 1440)) problems.maxAge = t.invalidMinutes;
  const months = /^\d{1,2}$/.test(d.months.trim()) ? Number(d.months.trim()) : NaN;
  if (!(months >= 1 && months <= MAX_ALLOWANCE_MONTHS)) problems.months = t.invalidMonths;
  if (Object.keys(problems).length) return { problems, patch: null };
  return {
    problems,
    patch: { approvalThreshold, exemptLivingAllowance, exemptLivingMonths: months, reminderDays: [...new Set(days)].sort((a, b) => b - a), balanceMaxAgeMinutes: maxAge },
  };
}

export function SettingsView() {
  const { t, lang } = useT();
  const settings = useAppStore((s) => s.settings);
  const loadError = useAppStore((s) => s.settingsError);
  const save = useAppStore((s) => s.saveSettings);
  const [draft, setDraft] = useState<SettingsDraft | null>(() => (settings ? draftOf(settings) : null));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);

  useEffect(() => {
    if (settings && !draft) setDraft(draftOf(settings));
  }, [settings, draft]);

  if (!draft) {
    return (
      <main className="page desk-page" data-testid="settings-view">
        <p className={loadError ? 'field-error' : 'muted'} data-testid="settings-loading">
          {loadError ? errorText(loadError, lang) : t.settings.loading}
        </p>
      </main>
    );
  }

  const { problems, patch } = validateSettings(draft, t.settings);
  const problem = (k: keyof Problems) => {
    const p = problems[k];
    if (!p || !tried) return null;
    return typeof p === 'string' ? p : errorText(p, lang);
  };
  const edit = (change: Partial<SettingsDraft>) => {
    setDraft({ ...draft, ...change });
    setSaved(false);
    setSaveError(null);
  };

  const submit = async () => {
    setTried(true);
    if (!patch) return;
    setSaving(true);
    const r = await save(patch);
    setSaving(false);
    if (r.ok) {
      setDraft(draftOf(r.value));
      setSaved(true);
      setTried(false);
    } else setSaveError(r.error);
  };

  const field = (k: 'threshold' | 'reminderDays' | 'allowance' | 'months' | 'maxAge', label: string, testId: string, inputMode: 'decimal' | 'numeric' | 'text') => (
    <div className={`field${problem(k) ? ' field-invalid' : ''}`}>
      <label htmlFor={testId}>{label}</label>
      <input id={testId} data-testid={testId} inputMode={inputMode} value={draft[k]} onChange={(e) => edit({ [k]: e.target.value })} />
      {problem(k) && (
        <div className="field-error" data-testid={`${testId}-error`}>
          {problem(k)}
        </div>
      )}
    </div>
  );

  return (
    <main className="page desk-page" data-testid="settings-view">
      <div className="toolbar">
        <DeskBack />
      </div>
      <form
        className="panel settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1>{t.settings.title}</h1>
        <div className="settings-grid">
          {field('threshold', t.settings.threshold, 'settings-threshold', 'decimal')}
          {field('reminderDays', t.settings.reminderDays, 'settings-reminder-days', 'text')}
          {field('allowance', t.settings.allowance, 'settings-allowance', 'decimal')}
          {field('months', t.settings.allowanceMonths, 'settings-allowance-months', 'numeric')}
          {field('maxAge', t.settings.maxAge, 'settings-max-age', 'numeric')}
        </div>
        {tried && !patch && <p className="field-error">{t.settings.fixErrors}</p>}
        {saveError && (
          <p className="field-error" role="alert" data-testid="settings-error">
            {errorText(saveError, lang)}
          </p>
        )}
        {saved && (
          <p className="notice" role="status" data-testid="settings-saved">
            {t.settings.saved}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="btn btn-primary" data-testid="settings-save" disabled={saving}>
            {saving ? t.settings.saving : t.settings.save}
          </button>
        </div>
      </form>
      <CourtAccountsPanel />
      <WorkstationOfficers />
    </main>
  );
}
