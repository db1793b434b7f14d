/**
 * The case's freezes: state (待发送 … 轮候第 n 位 … 已解除), amount frozen, end date and days left,
 * their rulings and notices, renewal and release; the program's release proposals (paid in full, or
 * more frozen than owed: 查扣冻规定 art. 19 para. 2) as a banner with one-click apply. Kept current
 * by 'measure.updated'.
 */
import { useMemo } from 'react';
import type { CaseMeasures } from '../../../../shared/domain/measure-views';
import { formatYuanSymbol } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { FreezeRow } from './FreezeRow.dom';
import { CaseDocuments } from '../documents/CaseDocuments.dom';
import { assetLabel, entriesOf } from './measure-entries';
import { api } from '../../store/api-holder';
import { SheetExportButton } from '../sheets/SheetExportButton.dom';

export function MeasuresList() {
  const { t, lang } = useT();
  const cm = useAppStore((s) => s.caseMeasures);
  const error = useAppStore((s) => s.measuresError);
  const docs = useAppStore((s) => s.caseDocuments);
  const entries = useMemo(() => (cm ? entriesOf(cm) : []), [cm]);
  const preservationEndsOn = useAppStore((s) => s.currentCase?.preservationEndsOn);
  const caseId = useAppStore((s) => s.currentCase?.id);

  return (
    <section className="measures" data-testid="measures-section">
      <ReleaseProposals />
      <div className="section-head">
        <h3 className="section-title">{t.measures.title}</h3>
        {caseId && <SheetExportButton list="measures" run={() => api().sheets.exportMeasures({ caseId })} />}
      </div>
      {preservationEndsOn && (
        <p className="small" data-testid="measures-preservation-ends">
          {t.workspace.preservationEndsOn}：<strong>{preservationEndsOn}</strong>
        </p>
      )}
      {error && (
        <div className="field-error" role="alert" data-testid="measures-error">
          {errorText(error, lang)}
        </div>
      )}
      {cm && entries.length === 0 ? (
        <p className="empty" data-testid="measures-empty">
          {t.measures.none}
        </p>
      ) : (
        <div className="list-wrap">
          <table className="table" data-testid="measures-list">
            <thead>
              <tr>
                <th scope="col">{t.measures.asset}</th>
                <th scope="col">{t.measures.state}</th>
                <th scope="col" className="num">{t.measures.frozen}</th>
                <th scope="col">{t.measures.endsOn}</th>
                <th scope="col">{t.measures.documents}</th>
                <th scope="col">{t.measures.actions}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <FreezeRow key={e.measure.id} entry={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="case-documents" data-testid="case-documents">
        <h3 className="section-title">{t.measures.caseDocuments}</h3>
        {docs && docs.length === 0 ? <p className="muted small">{t.measures.noDocuments}</p> : <CaseDocuments docs={docs ?? []} />}
      </div>
    </section>
  );
}

function ReleaseProposals() {
  const { t, lang } = useT();
  const cm = useAppStore((s) => s.caseMeasures);
  const busy = useAppStore((s) => s.measureBusy);
  const release = useAppStore((s) => s.releaseFreeze);
  if (!cm || cm.releaseProposals.length === 0) return null;
  const measureOf = (id: string) => cm.measures.find((m) => m.id === id) ?? cm.freezes.find((v) => v.measure.id === id)?.measure;
  const apply = (p: CaseMeasures['releaseProposals'][number]) => release(p.freezeId, p.reason.zh, p.amount);
  return (
    <div className="banner banner-warn proposals" role="status" data-testid="release-proposals">
      <strong>{t.measures.proposals}</strong>
      <ul>
        {cm.releaseProposals.map((p) => {
          const m = measureOf(p.freezeId);
          return (
            <li key={p.freezeId} data-testid={`release-proposal-${p.freezeId}`}>
              <span>{m ? assetLabel(m, lang) : p.freezeId}</span>{' '}
              <span className="num">{p.amount === undefined ? t.measures.proposalAll : t.measures.proposalAmount(formatYuanSymbol(p.amount))}</span>
              <span className="muted">（{p.reason[lang]}）</span>
              <button
                type="button"
                className="btn btn-small"
                data-testid={`release-apply-${p.freezeId}`}
                disabled={!!busy[p.freezeId]}
                onClick={() => void apply(p)}
              >
                {t.measures.apply}
              </button>
            </li>
          );
        })}
      </ul>
      {cm.releaseProposals.length > 1 && (
        <button
          type="button"
          className="btn btn-small"
          data-testid="release-apply-all"
          disabled={cm.releaseProposals.some((p) => busy[p.freezeId])}
          onClick={() => {
            for (const p of cm.releaseProposals) void apply(p);
          }}
        >
          {t.measures.applyAll}
        </button>
      )}
    </div>
  );
}
