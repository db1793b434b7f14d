/**
 * The court's case-management system as the sandbox simulates it: the demo docket drawn from the
 * seed, plus cases the filing division (立案庭) files later — a trainer or a test files them through
 * the admin endpoint. The gateway checks every query and measure against it: the case must exist
 * for its court, the subject must be one of its debtors, and the officer must be its 承办人 or on
 * the 承办人's team (docs/authority.md, "Where it is enforced").
 */
import { formatCaseNumber, parseCaseNumber, type CaseTypeCode } from '../../shared/ids/case-number';
import { validateSubjectId } from '../../shared/ids/subject-id';
import type { DocketCase, DocketParty } from './population/types';

/** What the case-management system publishes on its feed of case events (docs/sandbox.md). */
export const COURT_EVENT_TYPES = ['filed', 'assigned', 'terminal', 'resumed', 'closed'] as const;
export type CourtEventType = (typeof COURT_EVENT_TYPES)[number];
export interface CourtEvent {
  seq: number;
  type: CourtEventType;
  number: string;
  at: string;
  /** resumed: the 终本 case the new 执恢 case continues; terminal/closed: the day */
  resumedFrom?: string;
  on?: string;
  assignee?: string;
}

export class CourtSystem {
  private readonly filed = new Map<string, DocketCase>();
  private readonly byNumber: Map<string, DocketCase>;
  /** the feed of case events, in order (seq from 1) */
  readonly events: CourtEvent[] = [];
  /** the sandbox's clock, for the events' times (set by startSandbox) */
  now: () => number = Date.now;

  /** history: cases the system holds as closed, with their day and way (population/closing-history.ts) */
  constructor(private readonly docket: readonly DocketCase[], readonly court: string, private readonly history: readonly DocketCase[] = []) {
    this.byNumber = new Map([...docket, ...history].map((c) => [c.number, c]));
  }

  /** Every case of a court, docket first, then filings in the order filed, then the closed history. */
  casesOf(court: string): DocketCase[] {
    return court === this.court ? [...this.docket, ...this.filed.values(), ...this.history] : [];
  }

  find(number: string): DocketCase | undefined {
    const parsed = parseCaseNumber(number);
    const key = parsed.ok ? parsed.value.text : number;
    return this.byNumber.get(key) ?? this.filed.get(key);
  }

  isDebtor(c: DocketCase, idNumber: string): boolean {
    return c.debtors.some((d) => d.idNumber === idNumber.toUpperCase());
  }

  /**
   * 追加被执行人: a ruling adds a debtor to a case (a trainer or a test, in process); answers why
   * not, or undefined when added.
   */
  addDebtor(number: string, p: DocketParty): string | undefined {
    const c = this.find(number);
    if (!c) return 'number: no such case';
    if (!validateSubjectId(p.kind, p.idNumber).ok) return 'idNumber: not valid';
    if (!this.isDebtor(c, p.idNumber)) c.debtors.push({ ...p, idNumber: p.idNumber.toUpperCase() });
    return undefined;
  }

  /** Files a case (立案); answers why not in a sentence, or undefined when filed. */
  file(c: DocketCase): string | undefined {
    const n = parseCaseNumber(c.number);
    if (!n.ok) return 'number: not a case number';
    if (n.value.court !== this.court) return `number: not a case of ${this.court}`;
    if (this.find(n.value.text)) return 'number: a case with this number exists';
    const bad = [c.applicant, ...c.debtors].find((p: DocketParty) => !validateSubjectId(p.kind, p.idNumber).ok);
    if (bad) return 'parties: an ID number or credit code is not valid';
    if (!c.debtors.length) return 'debtors: at least one';
    if (!c.assignee) return 'assignee: the judge assigned is required';
    this.filed.set(n.value.text, { ...c, number: n.value.text });
    this.publish({ type: 'filed', number: n.value.text, ...(c.resumedFrom ? { resumedFrom: c.resumedFrom } : {}) });
    this.publish({ type: 'assigned', number: n.value.text, assignee: c.assignee });
    return undefined;
  }

  publish(e: Omit<CourtEvent, 'seq' | 'at'>): CourtEvent {
    const ev = { ...e, seq: this.events.length + 1, at: new Date(this.now()).toISOString() };
    this.events.push(ev);
    return ev;
  }

  /** The next free sequence number of a type in a year (for a 执恢 filing). */
  nextNumber(year: number, type: CaseTypeCode): string {
    let seq = 1;
    for (const c of this.casesOf(this.court)) {
      const n = parseCaseNumber(c.number);
      if (n.ok && n.value.year === year && n.value.type === type) seq = Math.max(seq, n.value.sequence + 1);
    }
    return formatCaseNumber({ year, court: this.court, type, sequence: seq });
  }
}
