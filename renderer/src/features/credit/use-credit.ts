/**
 * The case's credit (docs/domain.md rule 8) as the 信用惩戒 tab and the case header read it: one
 * `credit.view`, read again whenever one of the case's exchanges with the credit platform moves on
 * ('credit.exchange') or the tab changed something — and every reader of the same case is given
 * the new view, so the header's 失信 badge follows what the tab did.
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

type Reader = (r: { credit: CaseCredit } | { error: AppError }) => void;
/** per case: its readers, and the one event subscription they share */
const readers = new Map<string, { set: Set<Reader>; off: () => void }>();

async function read(caseId: string): Promise<void> {
  const r = await api().credit.view({ caseId });
  for (const fn of [...(readers.get(caseId)?.set ?? [])]) fn(r.ok ? { credit: r.value } : { error: r.error });
}

export function useCaseCredit(caseId: string): CreditState {
  const [credit, setCredit] = useState<CaseCredit | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const reload = useCallback(() => read(caseId), [caseId]);
  useEffect(() => {
    const reader: Reader = (r) => {
      if ('credit' in r) {
        setCredit(r.credit);
        setError(null);
      } else setError(r.error);
    };
    let entry = readers.get(caseId);
    // the event names no case: read again, it is one call
    if (!entry) readers.set(caseId, (entry = { set: new Set(), off: api().on('credit.exchange', () => void read(caseId)) }));
    const own = entry;
    own.set.add(reader);
    void read(caseId);
    return () => {
      own.set.delete(reader);
      if (own.set.size === 0) {
        own.off();
        readers.delete(caseId);
      }
    };
  }, [caseId]);
  return { credit, error, reload };
}
