/**
 * The outbox (docs/domain.md rule 7): every measure decided and not yet concluded, across cases — waiting
 * for the network (sent by itself when it is back), sent and awaiting feedback, of unknown outcome
 * (being verified by asking the agency about the same request id, never re-sent), or awaiting a
 * division chief's approval, or a deduction decided offline waiting to be re-confirmed on a fresh
 * balance — with withdrawal where it has not gone out.
 */
import { useMemo } from 'react';
import { formatYuanSymbol } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { CANCELLABLE, measureStateOf } from '../freeze/measure-state';
import { assetLabel } from '../freeze/measure-entries';
import { StateBadge } from '../freeze/StateBadge.dom';
import { DeskBack } from '../shell/DeskBack.dom';

export function OutboxView() {
  const { t, lang } = useT();
  const outbox = useAppStore((s) => s.outbox);
  const error = useAppStore((s) => s.outboxError);
  const busy = useAppStore((s) => s.measureBusy);
  const errors = useAppStore((s) => s.measureErrors);
  const cancel = useAppStore((s) => s.cancelMeasure);
  const openApproval = useAppStore((s) => s.openApproval);
  const openCase = useAppStore((s) => s.openCase);
  const resumeDraft = useAppStore((s) => s.resumeDraft);
  const setTab = useAppStore((s) => s.setWorkspaceTab);
  const rows = useMemo(() => [...(outbox ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)), [outbox]);

  return (
    <main className="page desk-page" data-testid="outbox-view">
      <div className="toolbar">
        <DeskBack />
        <h1>{t.outbox.title}</h1>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="outbox-error">
          {errorText(error, lang)}
        </p>
      )}
      {outbox && rows.length === 0 ? (
        <p className="empty" data-testid="outbox-empty">
          {t.outbox.empty}
        </p>
      ) : (
        <div className="panel">
          <table className="table" data-testid="outbox-list">
            <thead>
              <tr>
                <th scope="col">{t.outbox.caseNumber}</th>
                <th scope="col">{t.outbox.kind}</th>
                <th scope="col">{t.outbox.asset}</th>
                <th scope="col" className="num">{t.outbox.amount}</th>
                <th scope="col">{t.outbox.state}</th>
                <th scope="col">{t.outbox.created}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} data-testid={`outbox-row-${m.id}`} data-state={m.state}>
                  <td className="mono nowrap">
                    <button type="button" className="link" onClick={() => void openCase(m.caseId)}>
                      {m.caseNumber}
                    </button>
                  </td>
                  <td>{t.measures.kinds[m.kind]}</td>
                  <td>{assetLabel(m, lang)}</td>
                  <td className="num">{m.amount === undefined ? '—' : formatYuanSymbol(m.amount)}</td>
                  <td>
                    <StateBadge state={measureStateOf(m)} testId={`outbox-state-${m.id}`} />
                    {m.state === 'queued' && (
                      <div className="muted small" data-testid={`outbox-hint-${m.id}`}>
                        {t.outbox.queuedHint}
                      </div>
                    )}
                    {m.state === 'unknown' && (
                      <div className="muted small" data-testid={`outbox-hint-${m.id}`}>
                        {t.outbox.unknownHint}
                      </div>
                    )}
                    {errors[m.id] && (
                      <div className="field-error" data-testid={`outbox-error-${m.id}`}>
                        {errorText(errors[m.id]!, lang)}
                      </div>
                    )}
                  </td>
                  <td className="nowrap">{formatWhen(m.createdAt)}</td>
                  <td className="actions">
                    {m.kind === 'deduct' && m.state === 'draft' && (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid={`outbox-confirm-${m.id}`}
                        onClick={() => {
                          void openCase(m.caseId);
                          setTab('deduct');
                          void resumeDraft(m);
                        }}
                      >
                        {t.deduct.resumeDraft}
                      </button>
                    )}
                    {m.kind === 'deduct' && m.state === 'awaiting_approval' && (
                      <button type="button" className="btn btn-small" data-testid={`outbox-approve-${m.id}`} onClick={() => openApproval(m)}>
                        {t.outbox.approve}
                      </button>
                    )}
                    {CANCELLABLE.has(m.state) && (
                      <button
                        type="button"
                        className="btn btn-small btn-quiet"
                        data-testid={`outbox-cancel-${m.id}`}
                        disabled={!!busy[m.id]}
                        onClick={() => void cancel(m.id)}
                      >
                        {t.outbox.cancel}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
