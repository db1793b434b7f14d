/**
 * Whom a company's restriction binds (限制消费规定 第三条第二款; docs/domain.md rule 9), proposed from
 * the business registry's latest answer on the company (its key persons, read by the registry's
 * adapter) for the judge to confirm or edit; and the persons as the judge gave them, checked.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { Party } from '../../../shared/domain/types';
import { validateSubjectId } from '../../../shared/ids/subject-id';
import type { BoundPerson, BoundRole } from '../../../shared/rules/restriction';
import { samrKeyPersons } from '../../engine/adapters/equity-samr';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';

/** The registry's key persons of a company debtor from its latest answered query; [] for a person or while none answered. */
export function registryPersons(store: SecureStore, c: StoredCase, debtor: Party): BoundPerson[] {
  if (debtor.kind !== 'company') return [];
  const answered = store.requests.listForCase(c.id)
    .filter((r) => r.partyId === debtor.id && r.channel === 'equity.samr' && r.state === 'answered')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  for (const r of answered) {
    const raw = store.requests.feedbackOf(r.id)?.raw;
    if (!raw) continue;
    try {
      const feedback = (JSON.parse(raw) as { feedback?: unknown }).feedback;
      return samrKeyPersons(feedback).map((p) => ({ ...p, source: { kind: 'registry' as const, requestId: r.id } }));
    } catch {
      // an answer not in the registry's format names nobody; the judge enters the persons himself
    }
  }
  return [];
}

export interface BoundInput {
  role: BoundRole;
  name: string;
  idNumber: string;
  requestId?: string;
}

/** The persons as the judge confirmed them: each ID number checked, the registry's source kept where it came from. */
export function checkedBound(store: SecureStore, c: StoredCase, debtor: Party, input: readonly BoundInput[]): BoundPerson[] {
  const fromRegistry = registryPersons(store, c, debtor);
  return input.map((b, i) => {
    const id = validateSubjectId('person', b.idNumber);
    if (!id.ok) throw new AppFailure('VALIDATION', { zh: `第${i + 1}名受约束人员的身份证号码有误`, en: `bound person ${i + 1}: not a valid resident ID number` }, `bound.${i}.idNumber`);
    const name = b.name.trim();
    if (!name) throw new AppFailure('VALIDATION', { zh: `请填写第${i + 1}名受约束人员的姓名`, en: `bound person ${i + 1}: the name is missing` }, `bound.${i}.name`);
    const seen = fromRegistry.find((p) => p.idNumber === id.value && p.source.kind === 'registry' && (!b.requestId || p.source.requestId === b.requestId));
    return { role: b.role, name, idNumber: id.value, source: seen ? seen.source : { kind: 'judge' as const } };
  });
}
