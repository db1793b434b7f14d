/**
 * 定向询价 (docs/distribution.md): each property found in the case with its latest request to the tax
 * authority — waiting, answered with its reference price, or failed with the reason — and the button
 * that asks. While a request waits the list is looked at again every few seconds; the price answered
 * is what the freeze plan counts the property at.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CaseValuations } from '../../../../shared/domain/distribution';
import type { AppError } from '../../../../shared/errors';
import { formatYuan } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { distributionWords } from '../distribution/words';

const POLL_MS = 3_000;

export function ValuationPanel({ caseId }: { caseId: string }) {
  const { lang } = useT();
  const w = distributionWords(lang);
  const [data, setData] = useState<CaseValuations | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const load = useCallback(async () => {
    const r = await api().valuation.list({ caseId });
    if (r.ok) setData(r.value);
    else setError(r.error);
  }, [caseId]);
  useEffect(() => {
    void load();
  }, [load]);
  const waiting = data?.properties.some((p) => p.latest?.state === 'sent') ?? false;
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(t);
  }, [waiting, load]);
  const ask = async (assetId: string) => {
    setError(null);
    const r = await api().valuation.request({ caseId, assetId });
    if (!r.ok) return setError(r.error);
    await load();
  };
  if (!data) return null;
  return (
    <section className="valuation" data-testid="valuation-panel" aria-label={w.valuation}>
      <h2 className="section-title">{w.valuation}</h2>
      {data.properties.length === 0
        ? <p className="empty" data-testid="valuation-none">{w.none}</p>
        : (
          <table className="grid" data-testid="valuation-list">
            <thead><tr><th>{w.property}</th><th>{w.referencePrice}</th><th /></tr></thead>
            <tbody>
              {data.properties.map((p) => (
                <tr key={p.assetId} data-testid={`valuation-${p.assetId}`}>
                  <td>{p.description}（{p.identifier}）</td>
                  <td>
                    {p.latest?.state === 'answered' && p.latest.referencePrice !== undefined
                      ? <span data-testid={`valuation-price-${p.assetId}`}>{formatYuan(p.latest.referencePrice)}{p.latest.validUntil ? ` · ${w.validUntil(p.latest.validUntil)}` : ''}</span>
                      : p.latest ? <span>{w.state[p.latest.state]}{p.latest.error ? `：${p.latest.error[lang]}` : ''}</span> : '—'}
                  </td>
                  <td>
                    <button type="button" className="btn" data-testid={`valuation-ask-${p.assetId}`} disabled={p.latest?.state === 'sent'} onClick={() => void ask(p.assetId)}>
                      {p.latest ? w.askAgain : w.ask}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      {error && <p className="field-error" role="alert" data-testid="valuation-error">{errorText(error, lang)}</p>}
    </section>
  );
}
