/**
 * 限制消费 (docs/domain.md rule 9) on the case workspace: per debtor the order's kinds ticked from the
 * nine of 第三条, for a company the persons it binds proposed from the business registry and
 * confirmed or edited by the judge; the draft, the judge's proposal and a chief's approval each with
 * the officer's own password; then the lift on payment, security or consent, and one journey allowed.
 * The words of kinds, roles and grounds come from shared/rules/restriction.ts, in both languages.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { CaseRestrictions } from '../../../../shared/domain/restriction';
import type { Party } from '../../../../shared/domain/types';
import {
  BOUND_ROLES, BOUND_ROLE_TEXT, EXEMPTABLE_KINDS, EXEMPTION_REASONS, EXEMPTION_REASON_TEXT, LIFT_GROUNDS, LIFT_GROUND_TEXT, RESTRICTION_KIND_TABLE,
  type BoundRole, type ExemptionReason, type LiftGround, type RestrictionKind,
} from '../../../../shared/rules/restriction';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';

type Order = CaseRestrictions['orders'][number];
type Bound = { role: BoundRole; name: string; idNumber: string; requestId?: string };
type Run = (f: () => Promise<{ ok: boolean; error?: AppError }>) => Promise<boolean>;

function PinField({ value, onChange, id }: { value: string; onChange: (v: string) => void; id: string }) {
  const { t } = useT();
  return <input type="password" aria-label={t.restriction.pin} placeholder={t.restriction.pin} autoComplete="current-password" value={value} onChange={(e) => onChange(e.target.value)} data-testid={id} />;
}

function BoundEditor({ bound, setBound }: { bound: Bound[]; setBound: (b: Bound[]) => void }) {
  const { t, lang } = useT();
  const edit = (i: number, p: Partial<Bound>) => setBound(bound.map((b, j) => (j === i ? { ...b, ...p } : b)));
  return (
    <fieldset data-testid="restriction-bound">
      <legend>{t.restriction.bound}</legend>
      {bound.length === 0 && <p className="muted">{t.restriction.noneFromRegistry}</p>}
      {bound.map((b, i) => (
        <div className="inline-form" key={i} data-testid={`restriction-bound-${i}`}>
          <select aria-label={t.restriction.role} value={b.role} onChange={(e) => edit(i, { role: e.target.value as BoundRole })}>
            {BOUND_ROLES.map((r) => <option key={r} value={r}>{BOUND_ROLE_TEXT[r][lang]}</option>)}
          </select>
          <input aria-label={t.restriction.name} value={b.name} onChange={(e) => edit(i, { name: e.target.value })} data-testid={`restriction-bound-name-${i}`} />
          <input aria-label={t.restriction.idNumber} value={b.idNumber} maxLength={18} onChange={(e) => edit(i, { idNumber: e.target.value.toUpperCase() })} data-testid={`restriction-bound-id-${i}`} />
          {b.requestId && <span className="muted small">{t.restriction.fromRegistry}</span>}
          <button type="button" className="link small" onClick={() => setBound(bound.filter((_, j) => j !== i))} data-testid={`restriction-bound-remove-${i}`}>{t.restriction.remove}</button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => setBound([...bound, { role: 'responsible', name: '', idNumber: '' }])} data-testid="restriction-bound-add">{t.restriction.addPerson}</button>
    </fieldset>
  );
}

/** The draft form: the nine kinds and, for a company, the persons bound. */
function DraftForm({ caseId, debtor, run }: { caseId: string; debtor: Party; run: Run }) {
  const { t, lang } = useT();
  const [kinds, setKinds] = useState<RestrictionKind[]>(RESTRICTION_KIND_TABLE.map((k) => k.id));
  const [bound, setBound] = useState<Bound[]>([]);
  useEffect(() => {
    if (debtor.kind !== 'company') return;
    void api().restriction.registryPersons({ caseId, partyId: debtor.id }).then((r) => {
      if (r.ok) setBound(r.value.map((p) => ({ role: p.role, name: p.name, idNumber: p.idNumber, ...(p.source.kind === 'registry' ? { requestId: p.source.requestId } : {}) })));
    });
  }, [caseId, debtor.id, debtor.kind]);
  const toggle = (k: RestrictionKind) => setKinds(kinds.includes(k) ? kinds.filter((x) => x !== k) : [...kinds, k]);
  return (
    <div data-testid={`restriction-draft-${debtor.id}`}>
      <fieldset data-testid="restriction-kinds">
        <legend>{t.restriction.kinds}</legend>
        {RESTRICTION_KIND_TABLE.map((k) => (
          <label key={k.id} className="check">
            <input type="checkbox" checked={kinds.includes(k.id)} onChange={() => toggle(k.id)} data-testid={`restriction-kind-${k.id}`} /> {k.item}. {k[lang]}
          </label>
        ))}
      </fieldset>
      {debtor.kind === 'company' && <BoundEditor bound={bound} setBound={setBound} />}
      <button type="button" className="btn" data-testid="restriction-save-draft"
        onClick={() => void run(() => api().restriction.draft({ caseId, partyId: debtor.id, kinds, bound }))}>{t.restriction.saveDraft}</button>
    </div>
  );
}

function DecideForms({ caseId, order, run }: { caseId: string; order: Order; run: Run }) {
  const { t, lang } = useT();
  const role = useAppStore((s) => s.officer?.role);
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [ground, setGround] = useState<LiftGround>('paid');
  const [ex, setEx] = useState<{ kind: RestrictionKind; reason: ExemptionReason; note: string; from: string; until: string }>({ kind: 'cabin', reason: 'medical', note: '', from: '', until: '' });
  const senior = role === 'chief' || role === 'director';
  const exemptable = EXEMPTABLE_KINDS.filter((k) => order.kinds.includes(k));
  return (
    <div className="inline-form" data-testid={`restriction-decide-${order.id}`}>
      <PinField value={pin} onChange={setPin} id={`restriction-pin-${order.id}`} />
      {order.state === 'draft' && (
        <button type="button" className="btn btn-primary" disabled={!pin} data-testid="restriction-propose"
          onClick={() => void run(() => api().restriction.propose({ caseId, orderId: order.id, pin }))}>{t.restriction.propose}</button>
      )}
      {order.state === 'proposed' && senior && (
        <>
          <input aria-label={t.restriction.reason} placeholder={t.restriction.reason} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="restriction-refuse-reason" />
          <button type="button" className="btn btn-primary" disabled={!pin} data-testid="restriction-approve"
            onClick={() => void run(() => api().restriction.approve({ caseId, orderId: order.id, decision: 'approve', pin }))}>{t.restriction.approve}</button>
          <button type="button" className="btn" disabled={!pin} data-testid="restriction-refuse"
            onClick={() => void run(() => api().restriction.approve({ caseId, orderId: order.id, decision: 'refuse', pin, ...(reason.trim() ? { reason: reason.trim() } : {}) }))}>{t.restriction.refuse}</button>
        </>
      )}
      {order.state === 'issued' && (
        <>
          <select aria-label={t.restriction.liftGround} value={ground} onChange={(e) => setGround(e.target.value as LiftGround)} data-testid="restriction-lift-ground">
            {LIFT_GROUNDS.map((g) => <option key={g} value={g}>{LIFT_GROUND_TEXT[g][lang]}</option>)}
          </select>
          <input aria-label={t.restriction.note} placeholder={t.restriction.note} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="restriction-lift-note" />
          <button type="button" className="btn" disabled={!pin} data-testid="restriction-lift"
            onClick={() => void run(() => api().restriction.lift({ caseId, orderId: order.id, ground, pin, ...(reason.trim() ? { note: reason.trim() } : {}) }))}>{t.restriction.lift}</button>
          {exemptable.length > 0 && (
            <fieldset data-testid="restriction-exemption">
              <legend>{t.restriction.exemption}</legend>
              <select aria-label={t.restriction.kinds} value={ex.kind} onChange={(e) => setEx({ ...ex, kind: e.target.value as RestrictionKind })} data-testid="restriction-ex-kind">
                {exemptable.map((k) => <option key={k} value={k}>{RESTRICTION_KIND_TABLE.find((r) => r.id === k)![lang]}</option>)}
              </select>
              <select aria-label={t.restriction.reason} value={ex.reason} onChange={(e) => setEx({ ...ex, reason: e.target.value as ExemptionReason })} data-testid="restriction-ex-reason">
                {EXEMPTION_REASONS.map((r) => <option key={r} value={r}>{EXEMPTION_REASON_TEXT[r][lang]}</option>)}
              </select>
              <input aria-label={t.restriction.note} placeholder={t.restriction.note} value={ex.note} onChange={(e) => setEx({ ...ex, note: e.target.value })} data-testid="restriction-ex-note" />
              <input type="date" aria-label={t.restriction.from} value={ex.from} onChange={(e) => setEx({ ...ex, from: e.target.value })} data-testid="restriction-ex-from" />
              <input type="date" aria-label={t.restriction.until} value={ex.until} onChange={(e) => setEx({ ...ex, until: e.target.value })} data-testid="restriction-ex-until" />
              <button type="button" className="btn" disabled={!pin || !ex.from || !ex.until} data-testid="restriction-exempt"
                onClick={() => void run(() => api().restriction.exempt({ caseId, orderId: order.id, ...ex, pin }))}>{t.restriction.exempt}</button>
            </fieldset>
          )}
        </>
      )}
    </div>
  );
}

function OrderCard({ caseId, order, run }: { caseId: string; order: Order; run: Run }) {
  const { t, lang } = useT();
  const issue = order.exchanges.find((x) => x.kind === 'restriction.issue');
  return (
    <div className="card" data-testid={`restriction-order-${order.id}`}>
      <p>
        <strong data-testid="restriction-state">{t.restriction.states[order.state]}</strong>
        {issue && <span className="muted small" data-testid="restriction-platform"> · {t.restriction.platform}: {t.restriction.exchangeStates[issue.state] ?? issue.state}</span>}
      </p>
      <ul className="small">{order.kinds.map((k) => <li key={k}>{RESTRICTION_KIND_TABLE.find((r) => r.id === k)![lang]}</li>)}</ul>
      {order.bound.length > 0 && <p className="small">{t.restriction.bound}: {order.bound.map((b) => `${BOUND_ROLE_TEXT[b.role][lang]} ${b.name}`).join('；')}</p>}
      {order.exemptions.map((e) => <p key={e.id} className="small" data-testid="restriction-exempted">{t.restriction.exempted(e.from, e.until)}</p>)}
      {order.refusedReason && <p className="small">{order.refusedReason}</p>}
      {(order.state === 'draft' || order.state === 'proposed' || order.state === 'issued') && <DecideForms caseId={caseId} order={order} run={run} />}
    </div>
  );
}

export function RestrictionPanel({ caseId, parties }: { caseId: string; parties: Party[] }) {
  const { t, lang } = useT();
  const [view, setView] = useState<CaseRestrictions | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const load = useCallback(async () => {
    const r = await api().restriction.view({ caseId });
    if (r.ok) setView(r.value);
    else setError(r.error);
  }, [caseId]);
  useEffect(() => {
    void load();
  }, [load]);
  const run: Run = async (f) => {
    setError(null);
    const r = await f();
    if (!r.ok) {
      setError(r.error ?? null);
      return false;
    }
    await load();
    return true;
  };
  return (
    <section data-testid="restriction-panel" aria-label={t.restriction.title}>
      <h2>{t.restriction.title}</h2>
      {error && <p className="field-error" role="alert" data-testid="restriction-error">{errorText(error, lang)}</p>}
      {parties.filter((p) => p.role === 'debtor').map((d) => {
        const orders = view?.orders.filter((o) => o.partyId === d.id) ?? [];
        const open = orders.some((o) => o.state === 'draft' || o.state === 'proposed' || o.state === 'issued');
        return (
          <div key={d.id} data-testid={`restriction-debtor-${d.id}`}>
            <h3>{d.name}</h3>
            {orders.map((o) => <OrderCard key={o.id} caseId={caseId} order={o} run={run} />)}
            {view && (!open || orders.some((o) => o.state === 'draft')) && <DraftForm caseId={caseId} debtor={d} run={run} />}
          </div>
        );
      })}
    </section>
  );
}
