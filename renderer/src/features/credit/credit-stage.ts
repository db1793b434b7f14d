/**
 * Where a debtor stands on the dishonest list (docs/domain.md rule 8), from his newest listing:
 * not listed, a draft, proposed, approved (listed, not yet confirmed by the platform), published,
 * removal proposed, removed. The tab and the case header's 失信 badge both read it from here.
 */
import type { CaseCredit, DebtorCredit } from '../../../../shared/domain/listing';

export const CREDIT_STAGES = ['none', 'draft', 'proposed', 'approved', 'published', 'removal-proposed', 'removed'] as const;
export type CreditStage = (typeof CREDIT_STAGES)[number];

export type DebtorListing = DebtorCredit['listings'][number];

/** the listing the debtor's stage is read from: the newest one not refused */
export function currentListing(d: DebtorCredit): DebtorListing | undefined {
  return [...d.listings].reverse().find((l) => l.state !== 'refused');
}

export function creditStage(d: DebtorCredit): CreditStage {
  const l = currentListing(d);
  if (!l) return 'none';
  switch (l.state) {
    case 'draft':
      return 'draft';
    case 'proposed':
      return 'proposed';
    case 'listed':
      if (l.removal && !l.removal.confirmedAt) return 'removal-proposed';
      return l.published === 'accepted' ? 'published' : 'approved';
    case 'removed':
      return 'removed';
    default:
      return 'none';
  }
}

/** on the list now: approved, published, or with a removal not yet confirmed */
export function isListed(d: DebtorCredit): boolean {
  const s = creditStage(d);
  return s === 'approved' || s === 'published' || s === 'removal-proposed';
}

/**
 * Whether the case's records give a ground to remove the listing (若干规定 第十条): paid in full, or a
 * correction, commitment or granted repair recorded. Main decides (electron/services/credit/removal.ts);
 * this only decides whether the button is offered.
 */
export function removalOffered(credit: CaseCredit, d: DebtorCredit, l: DebtorListing): boolean {
  if (l.state !== 'listed' || l.removal) return false;
  if (credit.outstanding <= 0) return true;
  return d.steps.some((s) => (!l.listedOn || s.on >= l.listedOn || s.listingId === l.id)
    && (s.kind === 'correction' || (s.kind === 'commitment' && s.listingId === l.id) || (s.kind === 'repair-decision' && s.granted === true && s.listingId === l.id)));
}
