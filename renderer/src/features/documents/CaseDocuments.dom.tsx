/**
 * The case's documents as a register (docs/documents.md): number, document, the agency it goes to,
 * the amount, the date and whether it stands — 作废 with its reason when every measure it covers was
 * refused or withdrawn, 部分未执行 with the failed items when only some were. The number opens the viewer.
 */
import type { CaseDocument } from '../../../../shared/domain/measures';
import { todayCst } from '../../../../shared/dates';
import { formatYuanSymbol } from '../../../../shared/money';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

/** 2026-12-02T03:04:05Z → 2026-12-02 (China Standard Time) */
const dayOf = (iso: string) => todayCst(new Date(iso));

export function CaseDocuments({ docs }: { docs: readonly CaseDocument[] }) {
  const open = useAppStore((s) => s.openDocument);
  const { t } = useT();
  return (
    <table className="table doc-register" data-testid="case-doc-register">
      <thead>
        <tr>
          <th scope="col">{t.documents.number}</th>
          <th scope="col">{t.documents.title}</th>
          <th scope="col">{t.documents.addressee}</th>
          <th scope="col" className="num">{t.documents.amount}</th>
          <th scope="col">{t.documents.date}</th>
          <th scope="col">{t.documents.state}</th>
        </tr>
      </thead>
      <tbody>
        {docs.map((d) => (
          <tr key={d.id} data-testid={`case-doc-row-${d.id}`} data-voided={d.voided ? 'true' : undefined}>
            <td className="mono nowrap">
              <button type="button" className="link" data-testid={`case-doc-${d.id}`} onClick={() => void open(d.id)}>
                {d.number}
              </button>
            </td>
            <td>
              {d.title}
              {d.measureKind && <span className="muted small">（{t.measures.kinds[d.measureKind]}）</span>}
            </td>
            <td>{d.addressee ?? '—'}</td>
            <td className="num">{d.amount === undefined ? '—' : formatYuanSymbol(d.amount)}</td>
            <td className="nowrap">{dayOf(d.createdAt)}</td>
            <td>
              {d.voided ? (
                <span className="badge badge-void" data-testid={`case-doc-${d.id}-voided`} title={d.voided.reason}>
                  {t.documents.voided}
                </span>
              ) : d.failedItems?.length ? (
                <span className="badge badge-partial" data-testid={`case-doc-${d.id}-partial`}>
                  {t.documents.partlyFailed}
                </span>
              ) : (
                t.documents.inForce
              )}
              {d.voided && <div className="muted small">{d.voided.reason}</div>}
              {!d.voided && d.failedItems?.map((f) => (
                <div key={f.measureId} className="muted small" data-testid={`case-doc-${d.id}-failed-${f.measureId}`}>
                  {t.documents.failedItem}：{f.item}（{f.reason}）
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
