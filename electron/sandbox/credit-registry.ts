/**
 * The sandbox's 失信联合惩戒云平台: who is on the dishonest list and who is under a consumption
 * restriction (docs/domain.md rules 8–9), as the other sandbox agencies (ticketing, hotels) read it.
 * Each entry keeps the client request id it came under, so a repeated publication is one entry.
 * Times are sandbox time (ISO). Personal data stays in memory only.
 */
import type { CreditRequest } from './credit-execute';
export interface SandboxListing {
  ref: string;
  clientRequestId: string;
  court: string;
  caseNumber: string;
  idNumber: string;
  name: string;
  ground: string;
  from: string;
  until?: string;
  publishedAt: string;
  removedAt?: string;
}

export interface SandboxRestriction {
  ref: string;
  clientRequestId: string;
  court: string;
  caseNumber: string;
  /** the person bound: the debtor, or for a company each person the order names */
  idNumber: string;
  name: string;
  /** the kinds restricted (docs/domain.md rule 9), e.g. 'air', 'rail-premium', 'hotel-star' */
  kinds: string[];
  issuedAt: string;
  liftedAt?: string;
  /** single measures lifted: one journey of a kind within a window (e.g. for medical care) */
  exemptions: { kind: string; from: string; until: string }[];
}

export class CreditRegistry {
  readonly listings = new Map<string, SandboxListing>();
  readonly restrictions = new Map<string, SandboxRestriction>();
  /** the exchanges received over the gateway, by clientRequestId: each executed once (electron/sandbox/credit-routes.ts) */
  readonly exchanges = new Map<string, CreditRequest>();
  seqRequests = 0;
  private seq = 0;

  nextRef(prefix: 'SX' | 'XG'): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(8, '0')}`;
  }

  listingsOf(idNumber: string): SandboxListing[] {
    return [...this.listings.values()].filter((l) => l.idNumber === idNumber);
  }

  isListed(idNumber: string, at: string): boolean {
    return this.listingsOf(idNumber).some((l) => !l.removedAt && l.from <= at && (!l.until || at <= l.until));
  }

  restrictionsOf(idNumber: string): SandboxRestriction[] {
    return [...this.restrictions.values()].filter((r) => r.idNumber === idNumber);
  }

  /** The restriction that forbids this kind of consumption at this time, if any (a lifted single measure lets it pass). */
  restricting(idNumber: string, kind: string, at: string): SandboxRestriction | undefined {
    return this.restrictionsOf(idNumber).find((r) =>
      !r.liftedAt && r.issuedAt <= at && r.kinds.includes(kind) && !r.exemptions.some((e) => e.kind === kind && e.from <= at && at <= e.until));
  }
}
