/**
 * The claims to share in what the case recovered (参与分配, docs/distribution.md): the applicant of
 * the case first (his claim is what the case says is owed), then the creditors who applied, each
 * with his title, amount and class; the applicant's class as the judge records it (a mortgagee's
 * priority with the right it rests on); the form that records a claim and the withdrawal with a reason.
 * Main checks the amount, the class and the rank and decides who may record.
 */
import { useState } from 'react';
import type { CaseDistribution, DistributionClaimView } from '../../../../shared/domain/distribution';
import type { AppError } from '../../../../shared/errors';
import { formatYuan, parseYuan } from '../../../../shared/money';
import type { ClaimPriority } from '../../../../shared/rules/distribution';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { distributionWords } from './words';

interface RowProps {
  x: DistributionClaimView;
  onWithdraw: (x: DistributionClaimView, reason: string) => Promise<AppError | null>;
  onSetClass: (k: { priority: ClaimPriority; rank?: number; basis?: string }) => Promise<AppError | null>;
}

function ClaimRow({ x, onWithdraw, onSetClass }: RowProps) {
  const { lang } = useT();
  const w = distributionWords(lang);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  return (
    <tr data-testid={`claim-${x.id}`}>
      <td>{x.creditor}{x.source === 'applicant' ? `（${w.applicant}）` : ''}</td>
      <td>{x.basis}</td>
      <td className="num">{formatYuan(x.amount)}</td>
      <td>{w.priorityLabels[x.priority]}{x.rank !== undefined ? ` · ${w.rank} ${x.rank}` : ''}</td>
      <td>
        {x.source === 'applicant' && <ApplicantClass x={x} onSet={onSetClass} />}
        {x.source === 'participant' && (open
          ? (
            <span>
              <input aria-label={w.withdrawReason} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
              <button type="button" className="btn" onClick={() => void onWithdraw(x, reason).then(setError)}>{w.withdrawConfirm}</button>
              {error && <span className="field-error" role="alert">{errorText(error, lang)}</span>}
            </span>
          )
          : <button type="button" className="link small" onClick={() => setOpen(true)}>{w.withdraw}</button>)}
      </td>
    </tr>
  );
}

/** The applicant's class: 普通, or 优先受偿 with its rank and the right it rests on (the judge's record). */
function ApplicantClass({ x, onSet }: { x: DistributionClaimView; onSet: (k: { priority: ClaimPriority; rank?: number; basis?: string }) => Promise<AppError | null> }) {
  const { lang } = useT();
  const w = distributionWords(lang);
  const [open, setOpen] = useState(false);
  const [priority, setPriority] = useState<ClaimPriority>(x.priority);
  const [rank, setRank] = useState(x.rank !== undefined ? String(x.rank) : '');
  const [basis, setBasis] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  if (!open) return <button type="button" className="link small" data-testid="applicant-class" onClick={() => setOpen(true)}>{w.setClass}</button>;
  const save = () => void onSet({ priority, ...(priority === 'priority' && rank.trim() ? { rank: Number(rank) } : {}), ...(basis.trim() ? { basis } : {}) }).then(setError);
  return (
    <span>
      <select aria-label={w.priority} data-testid="applicant-priority" value={priority} onChange={(e) => setPriority(e.target.value as ClaimPriority)}>
        <option value="ordinary">{w.priorityLabels.ordinary}</option>
        <option value="priority">{w.priorityLabels.priority}</option>
      </select>
      {priority === 'priority' && (
        <>
          <input aria-label={w.rank} inputMode="numeric" value={rank} onChange={(e) => setRank(e.target.value)} />
          <input aria-label={w.right} data-testid="applicant-right" value={basis} maxLength={200} onChange={(e) => setBasis(e.target.value)} />
        </>
      )}
      <button type="button" className="btn" data-testid="applicant-class-save" onClick={save}>{w.save}</button>
      {error && <span className="field-error" role="alert">{errorText(error, lang)}</span>}
    </span>
  );
}

function AddClaim({ caseId, onAdded }: { caseId: string; onAdded: () => Promise<void> }) {
  const { lang } = useT();
  const w = distributionWords(lang);
  const [creditor, setCreditor] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [basis, setBasis] = useState('');
  const [yuan, setYuan] = useState('');
  const [priority, setPriority] = useState<ClaimPriority>('ordinary');
  const [rank, setRank] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const add = async () => {
    setError(null);
    const amount = parseYuan(yuan);
    if (!amount.ok) return setError(amount.error);
    const r = await api().distribution.addClaim({
      caseId, creditor, idNumber, basis, amount: amount.value, priority, ...(priority === 'priority' && rank.trim() ? { rank: Number(rank) } : {}),
    });
    if (!r.ok) return setError(r.error);
    setCreditor('');
    setIdNumber('');
    setBasis('');
    setYuan('');
    await onAdded();
  };
  return (
    <div className="form-row">
      <label>{w.creditor} <input data-testid="claim-creditor" value={creditor} maxLength={100} onChange={(e) => setCreditor(e.target.value)} /></label>
      <label>{w.idNumber} <input data-testid="claim-id" value={idNumber} maxLength={18} onChange={(e) => setIdNumber(e.target.value)} /></label>
      <label>{w.basis} <input data-testid="claim-basis" value={basis} maxLength={200} onChange={(e) => setBasis(e.target.value)} /></label>
      <label>{w.amount} <input data-testid="claim-amount" inputMode="decimal" value={yuan} onChange={(e) => setYuan(e.target.value)} /></label>
      <label>{w.priority}{' '}
        <select data-testid="claim-priority" value={priority} onChange={(e) => setPriority(e.target.value as ClaimPriority)}>
          <option value="ordinary">{w.priorityLabels.ordinary}</option>
          <option value="priority">{w.priorityLabels.priority}</option>
        </select>
      </label>
      {priority === 'priority' && <label>{w.rank} <input data-testid="claim-rank" inputMode="numeric" value={rank} onChange={(e) => setRank(e.target.value)} /></label>}
      <button type="button" className="btn btn-primary" data-testid="claim-add" onClick={() => void add()}>{w.addClaim}</button>
      {error && <p className="field-error" role="alert" data-testid="claim-error">{errorText(error, lang)}</p>}
    </div>
  );
}

export function ClaimsSection({ data, reload }: { data: CaseDistribution; reload: () => Promise<void> }) {
  const { lang } = useT();
  const w = distributionWords(lang);
  const withdraw = async (x: DistributionClaimView, reason: string) => {
    const r = await api().distribution.withdrawClaim({ caseId: data.caseId, claimId: x.id, reason });
    if (!r.ok) return r.error;
    await reload();
    return null;
  };
  const setClass = async (k: { priority: ClaimPriority; rank?: number; basis?: string }) => {
    const r = await api().distribution.setApplicantClass({ caseId: data.caseId, ...k });
    if (!r.ok) return r.error;
    await reload();
    return null;
  };
  return (
    <div data-testid="distribution-claims">
      <h3>{w.claims}</h3>
      <table className="grid">
        <thead><tr><th>{w.creditor}</th><th>{w.basis}</th><th>{w.amount}</th><th>{w.priority}</th><th /></tr></thead>
        <tbody>{data.claims.map((x) => <ClaimRow key={x.id} x={x} onWithdraw={withdraw} onSetClass={setClass} />)}</tbody>
      </table>
      <AddClaim caseId={data.caseId} onAdded={reload} />
    </div>
  );
}
