/**
 * Other courts' seals on the case's assets (docs/distribution.md; docs/domain.md rule 4): who sealed
 * first, the requests to transfer made with their 60-day clock, the form that issues the
 * 商请移送执行函 (main refuses it before the 60 days or once the first court began to sell), and the
 * assets this case freezes that another of the bureau's cases freezes too.
 */
import { useState } from 'react';
import type { DuplicateFreeze, SeizureView } from '../../../../shared/domain/distribution';
import type { AppError } from '../../../../shared/errors';
import { formatYuan } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { distributionWords } from './words';

function SeizureRow({ s, caseId, reload }: { s: SeizureView; caseId: string; reload: () => Promise<void> }) {
  const { lang } = useT();
  const w = distributionWords(lang);
  const openDocument = useAppStore((st) => st.openDocument);
  const [seizedOn, setSeizedOn] = useState('');
  const [started, setStarted] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const ask = async () => {
    setError(null);
    const r = await api().distribution.requestTransfer({ caseId, assetId: s.assetId, seizedOn, disposalStarted: started });
    if (!r.ok) return setError(r.error);
    await reload();
  };
  return (
    <li data-testid={`seizure-${s.assetId}`}>
      <div>{s.description} · {w.firstCourt}：{s.first.ours ? w.ours : s.first.court}{s.first.caseNumber ? `（${s.first.caseNumber}）` : ''}</div>
      {s.requests.map((t) => (
        <div key={t.id}>
          <button type="button" className="link small" onClick={() => void openDocument(t.document.id)}>{w.transferLetter} {t.document.number}</button>
          {' '}{w.firstSeizedOn} {t.seizedOn} · {t.clock[lang]}
        </div>
      ))}
      {!s.first.ours && (
        <div className="form-row">
          <label>{w.firstSeizedOn} <input type="date" data-testid={`seizure-date-${s.assetId}`} value={seizedOn} onChange={(e) => setSeizedOn(e.target.value)} /></label>
          <label><input type="checkbox" checked={started} onChange={(e) => setStarted(e.target.checked)} /> {w.disposalStarted}</label>
          <button type="button" className="btn" data-testid={`seizure-ask-${s.assetId}`} disabled={!seizedOn} onClick={() => void ask()}>{w.requestTransfer}</button>
          {error && <span className="field-error" role="alert">{errorText(error, lang)}</span>}
        </div>
      )}
    </li>
  );
}

export function SeizuresSection({ caseId, seizures, duplicates, reload }: { caseId: string; seizures: SeizureView[]; duplicates: DuplicateFreeze[]; reload: () => Promise<void> }) {
  const { lang } = useT();
  const w = distributionWords(lang);
  return (
    <div data-testid="distribution-seizures">
      <h3>{w.seizures}</h3>
      {seizures.length === 0 ? <p className="empty">{w.noSeizures}</p> : <ul>{seizures.map((s) => <SeizureRow key={s.assetId} s={s} caseId={caseId} reload={reload} />)}</ul>}
      <h3>{w.duplicates}</h3>
      {duplicates.length === 0
        ? <p className="empty" data-testid="duplicates-none">{w.noDuplicates}</p>
        : (
          <ul data-testid="duplicates-list">
            {duplicates.map((g) => (
              <li key={`${g.channel}|${g.identifier}`}>
                {g.identifier}：{g.cases.map((x) => `${x.caseNumber}${x.amount !== undefined ? ` ${formatYuan(x.amount)}` : ''}`).join('；')}
              </li>
            ))}
          </ul>
        )}
    </div>
  );
}
