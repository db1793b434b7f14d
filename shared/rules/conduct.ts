/**
 * Refusing or unable (docs/domain.md rule 8: tell 失信 from 失能): per debtor, the events of the
 * case's records on one timeline, and a classification that names every fact it rests on. It is a
 * proposal to the judge, who confirms or overrides it with a reason; it never acts by itself. The
 * listing wizard and credit repair show it beside their own grounds.
 */
import type { IsoDate } from '../dates';
import type { Fen } from '../money';
import type { Fact, SourceRef, Words } from './terminal';

export const CONDUCT_CLASSES = ['refusing', 'unable', 'performing'] as const;
export type ConductClass = (typeof CONDUCT_CLASSES)[number];

export const CONDUCT_LABELS: Readonly<Record<ConductClass, Words>> = {
  refusing: { zh: '失信（有能力而拒不履行）', en: 'refusing (able but not paying)' },
  unable: { zh: '失能（确无履行能力）', en: 'unable (no means to pay)' },
  performing: { zh: '积极履行', en: 'performing actively' },
};

export type TimelineKind =
  | 'balance' | 'balance-rise' | 'account-new' | 'payment' | 'breach' | 'sighting' | 'report-filed' | 'report-untruthful' | 'report-missing'
  /** shown on the timeline, weighed neither way: a deduction is the court's taking, not his paying */
  | 'deduction' | 'inflow' | 'report-ordered' | 'listing';

/** the kinds the classification weighs (the others are shown for the judge's reading only) */
export const WEIGHED_KINDS: readonly TimelineKind[] = [
  'balance', 'balance-rise', 'account-new', 'payment', 'breach', 'sighting', 'report-filed', 'report-untruthful', 'report-missing',
];

export interface TimelineEvent {
  at: string;
  kind: TimelineKind;
  /** fen: a balance seen, or a payment */
  amount?: Fen;
  words: Words;
  source: SourceRef;
}

export interface ConductFacts {
  partyId: string;
  name: string;
  filedOn: IsoDate;
  today: IsoDate;
  events: TimelineEvent[];
}

export interface ConductAssessment {
  partyId: string;
  /** absent: the records do not yet say (nothing queried, no report due) */
  proposed?: ConductClass;
  /** the facts the proposal rests on, each linking to its record */
  grounds: Fact[];
  /** the facts that speak the other way, shown too */
  against: Fact[];
  timeline: TimelineEvent[];
}

/** a balance at or above this is means to pay something (¥1,000): below it, living money */
export const MEANS_THRESHOLD: Fen = 100_000;

const fact = (e: TimelineEvent): Fact => ({ ...e.words, source: e.source });

/**
 * The classification, in this order of weight:
 * - 失信 on any sign of refusing: a breach of the consumption restriction (listing ground 5), a
 *   property report not filed by its deadline or untruthful (ground 4), an account opened after
 *   filing, a balance of means seen or a rise of one after filing and not paid, a sighting of travel
 *   or lodging (spending);
 * - 积极履行 when he paid something himself and nothing says he refuses;
 * - 失能 when his report is filed, every balance seen is below the means threshold and nothing
 *   says he refuses.
 */
export function assessConduct(f: ConductFacts): ConductAssessment {
  const timeline = [...f.events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const of = (k: TimelineKind) => timeline.filter((e) => e.kind === k);
  const means = of('balance').filter((e) => (e.amount ?? 0) >= MEANS_THRESHOLD);
  const rises = of('balance-rise').filter((e) => (e.amount ?? 0) >= MEANS_THRESHOLD);
  const refusing = [...of('breach'), ...of('report-missing'), ...of('report-untruthful'), ...of('account-new'), ...rises, ...means, ...of('sighting')];
  const paid = of('payment').filter((e) => (e.amount ?? 0) > 0);
  const lowBalances = of('balance').filter((e) => (e.amount ?? 0) < MEANS_THRESHOLD);
  const filed = of('report-filed');
  const base = { partyId: f.partyId, timeline };
  if (refusing.length) return { ...base, proposed: 'refusing', grounds: refusing.map(fact), against: [...paid, ...filed].map(fact) };
  if (paid.length) return { ...base, proposed: 'performing', grounds: [...paid, ...filed].map(fact), against: [] };
  if (filed.length && (lowBalances.length || !of('balance').length)) {
    return { ...base, proposed: 'unable', grounds: [...filed, ...lowBalances].map(fact), against: [] };
  }
  return { ...base, grounds: lowBalances.map(fact), against: [] };
}

/** Whether the judge's word departs from the proposal: then it needs his reason (docs/domain.md rule 8). */
export function isOverride(proposed: ConductClass | undefined, decided: ConductClass): boolean {
  return proposed !== decided;
}

/** The judge's word on the proposal: a confirmation stands alone, an override needs a reason of his. */
export function reviewProblem(proposed: ConductClass | undefined, decided: ConductClass, reason: string | undefined): Words | undefined {
  if (!isOverride(proposed, decided) || (reason?.trim().length ?? 0) >= 2) return undefined;
  return proposed
    ? { zh: `改变建议的认定（${CONDUCT_LABELS[proposed].zh}）须说明理由`, en: `overriding the proposal (${CONDUCT_LABELS[proposed].en}) needs a reason` }
    : { zh: '记录尚不足以提出建议，作出认定须说明理由', en: 'the records propose nothing yet: a classification needs a reason' };
}
