/**
 * A division chief or the director approves (or refuses) a deduction above the bureau's threshold:
 * chosen from the officers enrolled here with a registered signing key, with his own password,
 * which opens his key to sign the measure (deduction.approve); the password never stays in the
 * store.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { EnrolledOfficerView } from '../../../../shared/ipc/contract';
import { api } from '../../store/api-holder';
import { formatYuanSymbol } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { FieldError } from '../../ui/TextField.dom';
import { maskAccount } from '../../ui/mask';
import { assetLabel } from '../freeze/measure-entries';
import { matches } from '../../ui/shortcuts';

export function ApprovalDialog() {
  const { t, lang } = useT();
  const m = useAppStore((s) => s.approvalFor);
  const approving = useAppStore((s) => s.approving);
  const error = useAppStore((s) => s.approvalError);
  const approve = useAppStore((s) => s.approveDeduction);
  const close = useAppStore((s) => s.openApproval);
  const hearing = useAppStore((s) => s.hearing);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState<'approve' | 'refuse' | null>(null);
  const [approvers, setApprovers] = useState<EnrolledOfficerView[] | null>(null);
  useEffect(() => {
    if (!m) return;
    let live = true;
    void api().session.enrolled({}).then((r) => {
      if (live) setApprovers(r.ok ? r.value.filter((o) => (o.role === 'chief' || o.role === 'director') && o.keyId && o.code !== m.decidedBy) : []);
    });
    return () => {
      live = false;
    };
  }, [m]);
  if (!m) return null;

  const missing = (v: string) => (tried && !v.trim() ? t.approval.required : null);
  const reasonMissing = tried === 'refuse' && !reason.trim() ? t.approval.reasonRequired : null;
  const decide = async (decision: 'approve' | 'refuse') => {
    setTried(decision);
    if (!code.trim() || !password || (decision === 'refuse' && !reason.trim())) return;
    const r = await approve({ approverCode: code, approverPassword: password, decision, reason });
    setPassword('');
    if (r?.ok) {
      setCode('');
      setReason('');
      setTried(null);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (matches('dialog.close', e)) {
      e.preventDefault();
      close(null);
    }
  };

  return (
    <div className="overlay" onKeyDown={onKey}>
      <form
        className="dialog dialog-narrow"
        role="dialog"
        aria-modal="true"
        aria-labelledby="approval-title"
        data-testid="approval-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void decide('approve');
        }}
      >
        <h2 id="approval-title">{t.approval.title}</h2>
        <p>
          {assetLabel(hearing ? { ...m, assetIdentifier: maskAccount(m.assetIdentifier) } : m, lang)} · {t.approval.amount} <strong className="num">{formatYuanSymbol(m.amount ?? 0)}</strong>
        </p>
        <div className={`field${missing(code) ? ' field-invalid' : ''}`}>
          <label htmlFor="approval-code">{t.approval.code}</label>
          <select id="approval-code" data-testid="approval-code" autoFocus value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">{t.approval.choose}</option>
            {(approvers ?? []).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}（{o.role === 'director' ? '局长' : '庭长'}）{o.code}
              </option>
            ))}
          </select>
          {approvers && approvers.length === 0 && <div className="muted" data-testid="approval-none">{t.approval.noApprover}</div>}
          <FieldError id="approval-code-error" testId="approval-code-error" text={missing(code)} />
        </div>
        <div className={`field${missing(password) ? ' field-invalid' : ''}`}>
          <label htmlFor="approval-password">{t.approval.password}</label>
          <input id="approval-password" type="password" data-testid="approval-password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
          <FieldError id="approval-password-error" testId="approval-password-error" text={missing(password)} />
        </div>
        <div className={`field${reasonMissing ? ' field-invalid' : ''}`}>
          <label htmlFor="approval-reason">{t.approval.reason}</label>
          <textarea id="approval-reason" data-testid="approval-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          <FieldError id="approval-reason-error" testId="approval-reason-error" text={reasonMissing} />
        </div>
        {error && (
          <div className="field-error" role="alert" data-testid="approval-error">
            {errorText(error, lang)}
            {error.field === 'approverCode' && <div data-testid="approval-not-authorised">{t.approval.notAuthorised}</div>}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" data-testid="approval-cancel" onClick={() => close(null)}>
            {t.approval.cancel}
          </button>
          <button type="button" className="btn" data-testid="approval-refuse" disabled={approving} onClick={() => void decide('refuse')}>
            {t.approval.refuse}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="approval-approve" disabled={approving}>
            {t.approval.approve}
          </button>
        </div>
      </form>
    </div>
  );
}
