/**
 * Whose alerts an officer sees (docs/authority.md; acts alert.handle, alert.assign): a judge those of
 * the cases assigned to him, a clerk or an assistant those of his team's cases, a chief or the
 * director the bureau's. The list, the live 'alert.raised' and the desktop notification all ask here.
 */
import { caseAccess } from '../../../shared/authority/matrix';
import type { Alert } from '../../../shared/domain/alerts';
import type { Officer } from '../../../shared/domain/types';
import type { AlertView } from '../../../shared/ipc/groups/alerts';
import type { SecureStore } from '../../store';
import { accessCase, accessHolder } from '../authority';

const senior = (o: Officer) => o.role === 'chief' || o.role === 'director';

/** The cases whose alerts the officer sees; undefined = every case of the bureau. */
export function alertCaseIds(store: SecureStore, o: Officer): string[] | undefined {
  if (senior(o)) return undefined;
  const assignees = o.role === 'judge' ? [o.code] : [...(o.team ?? [])];
  return store.alertScans.caseIdsAssignedTo(assignees);
}

export function seesAlert(store: SecureStore, o: Officer, a: Pick<Alert, 'caseId' | 'assignedTo'>): boolean {
  const c = store.cases.get(a.caseId);
  if (!c) return false;
  const access = caseAccess(accessHolder(o), accessCase(c));
  return access === 'act' || (access === 'read' && (senior(o) || a.assignedTo === o.code));
}

export function alertView(store: SecureStore, a: Alert, numbers?: ReadonlyMap<string, string>): AlertView {
  return { ...a, caseNumber: numbers?.get(a.caseId) ?? store.cases.get(a.caseId)?.number ?? '' };
}
