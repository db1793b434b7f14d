/**
 * Who sees and who manages a background job (docs/authority.md; act jobs.manage): an officer sees
 * the jobs he created and those of the cases he acts in (a clerk: his team's); a chief or the
 * director sees the bureau's. He manages (pause, resume, cancel) his own and his cases' jobs; the
 * program's own jobs (an alert scan) are a chief's or the director's to manage.
 */
import { caseAccess } from '../../../shared/authority/matrix';
import type { Job } from '../../../shared/domain/jobs';
import type { Officer } from '../../../shared/domain/types';
import type { JobView } from '../../../shared/ipc/groups/jobs';
import type { SecureStore } from '../../store';
import { accessCase, accessHolder } from '../authority';

export const SYSTEM = 'system';

const senior = (o: Officer) => o.role === 'chief' || o.role === 'director';

function actsInCase(store: SecureStore, o: Officer, caseId: string | undefined): boolean {
  if (!caseId) return false;
  const c = store.cases.get(caseId);
  return !!c && caseAccess(accessHolder(o), accessCase(c)) === 'act';
}

export function mayManageJob(store: SecureStore, o: Officer, j: Job): boolean {
  if (j.createdBy === o.code) return true;
  if (j.createdBy === SYSTEM) return senior(o);
  return actsInCase(store, o, j.caseId);
}

export function maySeeJob(store: SecureStore, o: Officer, j: Job): boolean {
  return senior(o) || mayManageJob(store, o, j);
}

export function jobView(store: SecureStore, o: Officer, j: Job, numbers?: ReadonlyMap<string, string>): JobView {
  const caseNumber = j.caseId ? (numbers?.get(j.caseId) ?? store.cases.get(j.caseId)?.number) : undefined;
  return { ...j, ...(caseNumber ? { caseNumber } : {}), manageable: mayManageJob(store, o, j) };
}
