/**
 * The case's credit (docs/domain.md rule 8) as the 信用惩戒 tab and the case header read it: one
 * `credit.view`, read again whenever one of the case's exchanges with the credit platform moves on
 * ('credit.exchange') or the tab changed something.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { CaseCredit } from '../../../../shared/domain/listing';
import { api } from '../../store/api-holder';

export interface CreditState {
  credit: CaseCredit | null;
  error: AppError | null;
  reload(): Promise<void>;
}

export function useCaseCredit(caseId: string): CreditState {
  const [credit, setCredit] = useState<CaseCredit | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const reload = useCallback(async () => {
    const r = await api().credit.view({ caseId });
    if (r.ok) {
      setCredit(r.value);
      setError(null);
    } else setError(r.error);
  }, [caseId]);
  useEffect(() => {
    let live = true;
    void reload();
    // the event names no case: an exchange of this case is one whose id the view already holds, or a new one
    const off = api().on('credit.exchange', () => {
      if (live) void reload();
    });
    return () => {
      live = false;
      off();
    };
  }, [reload]);
  return { credit, error, reload };
}
