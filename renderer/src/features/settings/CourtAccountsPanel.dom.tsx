/**
 * The court's receiving accounts under four eyes (docs/authority.md, "Four eyes on the court's
 * accounts"): the accounts in force, a chief's or the director's proposal of a new list with its
 * reason, and the proposals waiting, which another chief or the director confirms or rejects.
 */
import { useEffect, useState } from 'react';
import type { CourtAccount, CourtAccountProposal } from '../../../../shared/domain/measure-views';
import type { AppError } from '../../../../shared/errors';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

type AccountField = 'bank' | 'accountNo' | 'name';

let accountSeq = 0;
function newAccountId(): string {
  const c = globalThis.crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : `acct-${Date.now().toString(36)}-${++accountSeq}`;
}

/** The list as it will be sent (spaces out of account numbers), or the fields still empty. */
export function checkAccounts(draft: CourtAccount[]): { accounts: CourtAccount[]; missing: string[] } {
  const missing: string[] = [];
  const accounts = draft.map((a, i) => {
    for (const k of ['bank', 'accountNo', 'name'] as const) if (!a[k].trim()) missing.push(`account.${i}.${k}`);
    return { id: a.id, bank: a.bank.trim(), accountNo: a.accountNo.replace(/\s+/g, ''), name: a.name.trim() };
  });
  return { accounts, missing };
}

function AccountList({ accounts, testId }: { accounts: CourtAccount[]; testId: string }) {
  return (
    <ul className="plain-list" data-testid={testId}>
      {accounts.map((a) => (
        <li key={a.id}>
          {a.name} · {a.bank} · {a.accountNo}
        </li>
      ))}
    </ul>
  );
}

function ProposalEditor({ current, onDone }: { current: CourtAccount[]; onDone: (proposed: boolean) => void }) {
  const { t, lang } = useT();
  const propose = useAppStore((s) => s.proposeCourtAccounts);
  const [draft, setDraft] = useState<CourtAccount[]>(() => current.map((a) => ({ ...a })));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const { accounts, missing } = checkAccounts(draft);
  const reasonMissing = reason.trim().length < 2;
  const edit = (i: number, k: AccountField, v: string) => setDraft(draft.map((a, j) => (j === i ? { ...a, [k]: v } : a)));
  const label = (k: AccountField) => (k === 'name' ? t.settings.accountName : k === 'bank' ? t.settings.bank : t.settings.accountNo);

  const submit = async () => {
    setTried(true);
    if (missing.length || reasonMissing) return;
    setBusy(true);
    const r = await propose(accounts, reason.trim());
    setBusy(false);
    if (r.ok) onDone(true);
    else setError(r.error);
  };

  return (
    <div className="account-proposal" data-testid="accounts-propose-form">
      {draft.map((a, i) => (
        <div key={a.id} className="account-row" data-testid={`settings-account-${i}`}>
          {(['name', 'bank', 'accountNo'] as const).map((k) => {
            const bad = tried && missing.includes(`account.${i}.${k}`);
            return (
              <div key={k} className={`field${bad ? ' field-invalid' : ''}`}>
                <label htmlFor={`settings-account-${i}-${k}`}>{label(k)}</label>
                <input id={`settings-account-${i}-${k}`} data-testid={`settings-account-${i}-${k}`} value={a[k]} onChange={(e) => edit(i, k, e.target.value)} />
                {bad && <div className="field-error">{t.settings.required}</div>}
              </div>
            );
          })}
          <button type="button" className="btn btn-quiet" data-testid={`settings-account-remove-${i}`} onClick={() => setDraft(draft.filter((_, j) => j !== i))}>
            {t.settings.removeAccount}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn"
        data-testid="settings-account-add"
        disabled={draft.length >= 20}
        onClick={() => setDraft([...draft, { id: newAccountId(), bank: '', accountNo: '', name: '' }])}
      >
        {t.settings.addAccount}
      </button>
      <div className={`field${tried && reasonMissing ? ' field-invalid' : ''}`}>
        <label htmlFor="accounts-reason">{t.settings.proposeReason}</label>
        <input id="accounts-reason" data-testid="accounts-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        {tried && reasonMissing && <div className="field-error">{t.settings.required}</div>}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="accounts-propose-error">
          {errorText(error, lang)}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" data-testid="accounts-propose-cancel" onClick={() => onDone(false)}>
          {t.settings.proposeCancel}
        </button>
        <button type="button" className="btn btn-primary" data-testid="accounts-propose-submit" disabled={busy} onClick={() => void submit()}>
          {t.settings.proposeSubmit}
        </button>
      </div>
    </div>
  );
}

function PendingProposal({ p, me, senior }: { p: CourtAccountProposal; me: string | undefined; senior: boolean }) {
  const { t, lang } = useT();
  const decide = useAppStore((s) => s.decideCourtAccounts);
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const own = p.proposedBy === me;
  const act = async (decision: 'confirm' | 'reject') => {
    const r = await decide(p.id, decision, note.trim() || undefined);
    if (!r.ok) setError(r.error);
  };
  return (
    <li className="account-proposal" data-testid={`accounts-proposal-${p.id}`}>
      <p>
        {t.settings.proposedBy} {p.proposedBy} · {p.proposedAt.slice(0, 16).replace('T', ' ')} · {p.reason}
      </p>
      <p className="muted">{t.settings.proposedAccounts}</p>
      <AccountList accounts={p.accounts} testId={`accounts-proposal-${p.id}-accounts`} />
      {own && <p className="muted" data-testid={`accounts-proposal-${p.id}-own`}>{t.settings.ownProposal}</p>}
      {senior && (
        <div className="dialog-actions">
          {!own && (
            <input aria-label={t.settings.rejectNote} placeholder={t.settings.rejectNote} data-testid={`accounts-proposal-${p.id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
          )}
          <button type="button" className="btn" data-testid={`accounts-proposal-${p.id}-reject`} onClick={() => void act('reject')}>
            {own ? t.settings.withdraw : t.settings.reject}
          </button>
          {!own && (
            <button type="button" className="btn btn-primary" data-testid={`accounts-proposal-${p.id}-confirm`} onClick={() => void act('confirm')}>
              {t.settings.confirm}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {errorText(error, lang)}
        </p>
      )}
    </li>
  );
}

export function CourtAccountsPanel() {
  const { t } = useT();
  const settings = useAppStore((s) => s.settings);
  const officer = useAppStore((s) => s.officer);
  const proposals = useAppStore((s) => s.courtAccountProposals);
  const load = useAppStore((s) => s.loadCourtAccountProposals);
  const [editing, setEditing] = useState(false);
  const [proposed, setProposed] = useState(false);
  const senior = officer?.role === 'chief' || officer?.role === 'director';

  useEffect(() => {
    void load();
  }, [load]);

  const current = settings?.courtAccounts ?? [];
  return (
    <section className="panel settings-form" data-testid="settings-accounts">
      <h2>{t.settings.accounts}</h2>
      <p className="muted">{t.settings.fourEyesHint}</p>
      <h3>{t.settings.accountsInForce}</h3>
      {current.length ? <AccountList accounts={current} testId="accounts-in-force" /> : <p className="muted">{t.settings.noAccounts}</p>}
      {senior && !editing && (
        <button type="button" className="btn" data-testid="accounts-propose" onClick={() => { setEditing(true); setProposed(false); }}>
          {t.settings.proposeChange}
        </button>
      )}
      {editing && <ProposalEditor current={current} onDone={(done) => { setEditing(false); setProposed(done); }} />}
      {proposed && !editing && (
        <p className="notice" role="status" data-testid="accounts-proposed">
          {t.settings.proposed}
        </p>
      )}
      <h3>{t.settings.pendingTitle}</h3>
      {proposals.length === 0 ? (
        <p className="muted" data-testid="accounts-no-pending">{t.settings.noPending}</p>
      ) : (
        <ul className="plain-list" data-testid="accounts-pending">
          {proposals.map((p) => <PendingProposal key={p.id} p={p} me={officer?.code} senior={senior} />)}
        </ul>
      )}
    </section>
  );
}
