/**
 * The bureau's settings: the deduction approval threshold, the renewal reminder days, the court's
 * receiving accounts, the living allowance left to a person debtor (DOMAIN rule 5) and how fresh a
 * frozen balance must be before deducting (DOMAIN rule 6). Amounts typed in 元, sent as fen.
 */
import { useEffect, useState } from 'react';
import type { BureauSettings, CourtAccount } from '../../../../shared/domain/measure-views';
import type { CallInput } from '../../../../shared/ipc/contract';
import type { AppError } from '../../../../shared/errors';
import { parseYuan } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { yuanText } from '../freeze/freeze-draft';
import { DeskBack } from '../shell/DeskBack.dom';
import { WorkstationOfficers } from './WorkstationOfficers.dom';

interface AccountDraft {
  id: string;
  bank: string;
  accountNo: string;
  name: string;
}

interface SettingsDraft {
  threshold: string;
  reminderDays: string;
  allowance: string;
  maxAge: string;
  accounts: AccountDraft[];
}

function draftOf(s: BureauSettings): SettingsDraft {
  return {
    threshold: yuanText(s.approvalThreshold),
    reminderDays: s.reminderDays.join(', '),
    allowance: yuanText(s.exemptLivingAllowance),
    maxAge: String(s.balanceMaxAgeMinutes),
    accounts: s.courtAccounts.map((a) => ({ ...a })),
  };
}

let accountSeq = 0;
function newAccountId(): string {
  const c = globalThis.crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : `acct-${Date.now().toString(36)}-${++accountSeq}`;
}

type Problems = Partial<Record<'threshold' | 'reminderDays' | 'allowance' | 'maxAge' | `account.${number}.${'bank' | 'accountNo' | 'name'}`, string | AppError>>;

export function validateSettings(d: SettingsDraft, t: { invalidDays: string; invalidMinutes: string; required: string }): { problems: Problems; patch: CallInput<'settings', 'set'> | null } {
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
  const courtAccounts: CourtAccount[] = d.accounts.map((a, i) => {
    for (const k of ['bank', 'accountNo', 'name'] as const) if (!a[k].trim()) problems[`account.${i}.${k}`] = t.required;
    return { id: a.id, bank: a.bank.trim(), accountNo: a.accountNo.replace(/\s+/g, ''), name: a.name.trim() };
  });
  if (Object.keys(problems).length) return { problems, patch: null };
  return {
    problems,
    patch: { approvalThreshold, exemptLivingAllowance, reminderDays: [...new Set(days)].sort((a, b) => b - a), balanceMaxAgeMinutes: maxAge, courtAccounts },
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
  const editAccount = (i: number, change: Partial<AccountDraft>) => edit({ accounts: draft.accounts.map((a, j) => (j === i ? { ...a, ...change } : a)) });

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

  const field = (k: 'threshold' | 'reminderDays' | 'allowance' | 'maxAge', label: string, testId: string, inputMode: 'decimal' | 'numeric' | 'text') => (
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
          {field('maxAge', t.settings.maxAge, 'settings-max-age', 'numeric')}
        </div>
        <fieldset className="party-set">
          <legend>{t.settings.accounts}</legend>
          {draft.accounts.map((a, i) => (
            <div key={a.id} className="account-row" data-testid={`settings-account-${i}`}>
              {(['name', 'bank', 'accountNo'] as const).map((k) => {
                const key = `account.${i}.${k}` as const;
                const label = k === 'name' ? t.settings.accountName : k === 'bank' ? t.settings.bank : t.settings.accountNo;
                return (
                  <div key={k} className={`field${problem(key) ? ' field-invalid' : ''}`}>
                    <label htmlFor={`settings-account-${i}-${k}`}>{label}</label>
                    <input
                      id={`settings-account-${i}-${k}`}
                      data-testid={`settings-account-${i}-${k}`}
                      value={a[k]}
                      onChange={(e) => editAccount(i, { [k]: e.target.value })}
                    />
                    {problem(key) && <div className="field-error">{problem(key)}</div>}
                  </div>
                );
              })}
              <button
                type="button"
                className="btn btn-quiet"
                data-testid={`settings-account-remove-${i}`}
                onClick={() => edit({ accounts: draft.accounts.filter((_, j) => j !== i) })}
              >
                {t.settings.removeAccount}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn"
            data-testid="settings-account-add"
            disabled={draft.accounts.length >= 20}
            onClick={() => edit({ accounts: [...draft.accounts, { id: newAccountId(), bank: '', accountNo: '', name: '' }] })}
          >
            {t.settings.addAccount}
          </button>
        </fieldset>
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
      <WorkstationOfficers />
    </main>
  );
}
