import type { Measure } from '../../../shared/domain/measures';
import type { MeasureContext } from '../../engine/measures/measure-engine';
import type { SecureStore } from '../../store';

/** The context a stored measure is sent under: its case, its debtor, the officer who decided it. */
export function contextFor(store: SecureStore, m: Measure): MeasureContext | undefined {
  const c = store.cases.get(m.caseId);
  const subject = c?.parties.find((p) => p.id === m.partyId && p.role === 'debtor');
  const officer = store.officers.get(m.decidedBy);
  if (!c || !subject || !officer) return undefined;
  return {
    caseId: c.id, caseNumber: c.number, court: c.court,
    officer: { code: officer.code, name: officer.name },
    subject: { id: subject.id, kind: subject.kind, name: subject.name, idNumber: subject.idNumber },
  };
}

