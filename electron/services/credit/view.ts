/**
 * What the 信用惩戒 panel shows (docs/domain.md rule 8): per debtor his notices and reports, his
 * listings with the exchange's state (a listing is published once its 'listing.publish' exchange is
 * accepted), a removal's due day and whether it is late, and the credit steps; for a chief, the
 * listings waiting for him.
 */
import { maskId } from '../../../shared/ids/subject-id';
import type { CaseCredit, DebtorCredit, ListingApprovalItem } from '../../../shared/domain/listing';
import type { Officer } from '../../../shared/domain/types';
import { toRef } from '../../store/documents';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { canRead } from '../authority';
import { owedAndFrozen } from './facts';

const CREDIT_DOCUMENTS = new Set(['执行通知书', '报告财产令', '纳入失信被执行人名单决定书', '删除失信信息决定书', '信用修复决定书']);

function debtorState(listings: DebtorCredit['listings']): DebtorCredit['state'] {
  const l = listings.at(-1);
  if (!l) return 'none';
  if (l.state === 'proposed' || l.state === 'draft') return 'proposed';
  if (l.state === 'listed') return l.published === 'accepted' ? 'published' : 'listed';
  if (l.state === 'removed') return 'removed';
  return 'none';
}

export function caseCredit(store: SecureStore, c: StoredCase, today: string): CaseCredit {
  const notices = store.enforcementNotices.ofCase(c.id);
  const reports = store.enforcementNotices.reportsOf(c.id);
  const listings = store.creditListings.ofCase(c.id);
  const steps = store.creditListings.stepsOf(c.id);
  const debtors = c.parties.filter((p) => p.role === 'debtor').map((p): DebtorCredit => {
    const own = listings.filter((l) => l.partyId === p.id).map((l) => {
      const removal = store.creditListings.removalOf(l.id);
      return {
        ...l,
        published: store.creditExchanges.of(l.id, 'listing.publish')?.state ?? ('none' as const),
        ...(removal ? { removal: { ...removal, overdue: !removal.confirmedAt && today > removal.dueOn, removedOnPlatform: store.creditExchanges.of(l.id, 'listing.remove')?.state ?? ('none' as const) } } : {}),
      };
    });
    return {
      partyId: p.id, name: p.name, kind: p.kind, listings: own, state: debtorState(own),
      notices: notices.filter((n) => n.partyId === p.id), reports: reports.filter((r) => r.partyId === p.id), steps: steps.filter((s) => s.partyId === p.id),
    };
  });
  const documents = store.documents.listForCase(c.id).filter((d) => CREDIT_DOCUMENTS.has(d.type)).map(toRef);
  return {
    caseId: c.id, ...owedAndFrozen(store, c.id, today), debtors, exchanges: store.creditExchanges.ofCase(c.id).map((e) => ({ ...e, subjects: e.subjects.map((s) => ({ ...s, idNumber: maskId(s.idNumber) })) })),
    documents, removalWorkingDays: store.settings.all().creditRemovalWorkingDays,
  };
}

/** The listings of the court awaiting approval that this chief or director may see (never his own). */
export function listingApprovals(store: SecureStore, officer: Officer): ListingApprovalItem[] {
  return store.creditListings.awaitingApproval().flatMap((l) => {
    const c = store.cases.get(l.caseId);
    if (!c || !canRead(officer, c) || l.proposedBy === officer.code) return [];
    return [{
      listingId: l.id, caseId: c.id, caseNumber: c.number, subject: `${l.subject.name}（${maskId(l.subject.idNumber)}）`, ground: l.ground,
      proposedBy: l.proposedBy ?? '', proposedAt: l.proposedAt ?? '', ...(l.extension ? { periodYears: 2 + l.extension.years } : l.ground === 1 ? {} : { periodYears: 2 }),
    }];
  });
}
