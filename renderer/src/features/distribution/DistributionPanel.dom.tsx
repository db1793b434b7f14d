/**
 * 参与分配 in the case workspace (docs/distribution.md; docs/domain.md rule 4): what was recovered
 * and the costs taken first, the claims, the plan and its service, other courts' seals with the
 * request to transfer, and the bureau's duplicate freezes of this case's assets. Main computes every
 * figure; the panel shows them and sends what the judge typed.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CaseDistribution, DuplicateFreeze, SeizureView } from '../../../../shared/domain/distribution';
import type { AppError } from '../../../../shared/errors';
import { formatYuan } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { ClaimsSection } from './ClaimsSection.dom';
import { PlanSection } from './PlanSection.dom';
import { SeizuresSection } from './SeizuresSection.dom';
import { distributionWords } from './words';

export function DistributionPanel({ caseId }: { caseId: string }) {
  const { lang } = useT();
  const w = distributionWords(lang);
  const [data, setData] = useState<CaseDistribution | null>(null);
  const [seizures, setSeizures] = useState<SeizureView[]>([]);
  const [duplicates, setDuplicates] = useState<DuplicateFreeze[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const load = useCallback(async () => {
    const [v, s, d] = await Promise.all([
      api().distribution.view({ caseId }), api().distribution.seizures({ caseId }), api().distribution.duplicates({ caseId }),
    ]);
    if (v.ok) setData(v.value);
    else setError(v.error);
    if (s.ok) setSeizures(s.value);
    if (d.ok) setDuplicates(d.value);
  }, [caseId]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="distribution" data-testid="distribution-panel" aria-label={w.title}>
      <h2 className="section-title">{w.title}</h2>
      {error && <p className="field-error" role="alert">{errorText(error, lang)}</p>}
      {data && (
        <>
          <p data-testid="distribution-recovered">{w.recovered(formatYuan(data.recovered))} · {w.costs(formatYuan(data.costs))}</p>
          {!data.eligible.ok && <p className="warning" data-testid="distribution-eligible">{w.notEligible}：{data.eligible[lang]}</p>}
          <ClaimsSection data={data} reload={load} />
          <PlanSection data={data} reload={load} />
        </>
      )}
      <SeizuresSection caseId={caseId} seizures={seizures} duplicates={duplicates} reload={load} />
    </section>
  );
}
