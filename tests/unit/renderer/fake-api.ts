/**
 * A fake `Api` for renderer tests: every call of the contract, answered by a handler (a default
 * per call, overridable), recorded in `calls`; `emit` delivers an event as main would.
 */
import { allCalls, type Api, type EventName, type EventPayload } from '../../../shared/ipc/contract';
import { appError, type AppError, type ErrorCode } from '../../../shared/errors';
import { ok, err, type Result } from '../../../shared/result';
import { residentIdCheckChar } from '../../../shared/ids/resident-id';
import { creditCodeCheckChar } from '../../../shared/ids/credit-code';
import type {
  Asset, CaseDetail, CaseQueryView, CaseSummary, ChannelRequest, InfoRecord, NetworkStatus, Officer, Whereabouts,
} from '../../../shared/domain/types';
import type { ChannelId } from '../../../shared/domain/channels';
import type { DocumentRef, FreezeView, Measure } from '../../../shared/domain/measures';
import type {
  BureauSettings, CaseMeasures, CourtAccount, CourtAccountProposal, DeductionPrep, FreezeCandidate, FreezePlan, ReminderView,
} from '../../../shared/domain/measure-views';
import type { DocumentModel } from '../../../shared/documents/model';
import { isIndivisible, livingAllowance, livingAllowanceFormula, renewalPeriod } from '../../../shared/rules';
import type { AlertView } from '../../../shared/ipc/groups/alerts';
import type { JobView } from '../../../shared/ipc/groups/jobs';
import type { DebtorConduct } from '../../../shared/domain/terminal';
import { assessConduct, reviewProblem, type TimelineEvent } from '../../../shared/rules/conduct';
import type { CaseCredit, CreditListing, DebtorCredit, EnforcementNotice } from '../../../shared/domain/listing';
import type { CreditExchange } from '../../../shared/domain/credit';

export const residentId = (first17: string): string => first17 + residentIdCheckChar(first17);
export const creditCode = (first17: string): string => first17 + creditCodeCheckChar(first17);

export const OFFICER: Officer = { code: 'F520103001', name: '王立新', court: '贵阳市南明区人民法院', role: 'judge' };
export const OFFICER_2: Officer = { code: 'F520103002', name: '李晓梅', court: '贵阳市南明区人民法院', role: 'clerk' };

export const DEBTOR_PERSON_ID = residentId('52010219850312401');
export const DEBTOR_COMPANY_ID = creditCode('91520100MA6DL1234');
export const APPLICANT_ID = residentId('52010319790506202');

export function caseSummary(i: number, over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: `case-${i}`,
    number: `(2025)黔0103执${i + 1}号`,
    court: '黔0103',
    type: '执',
    filedOn: '2025-03-01',
    status: 'open',
    applicantName: `申请人${i}`,
    debtorNames: [`被执行人${i}`],
    filing: 'confirmed',
    assignee: OFFICER.code,
    amountOwed: 100_000_00 + i,
    recovered: 0,
    ...over,
  };
}

export const CASE_DETAIL: CaseDetail = {
  ...caseSummary(0, { id: 'case-1', number: '(2025)黔0103执1234号', applicantName: '赵明', debtorNames: ['张三', '贵州黔丰建材有限公司'] }),
  amountOwed: 523_400_00,
  recovered: 10_000_00,
  costs: 4_250_00,
  cause: '买卖合同纠纷',
  deadline: '2025-09-01',
  daysLeft: 21,
  createdAt: '2025-03-01T02:00:00.000Z',
  parties: [
    { id: 'p-app', caseId: 'case-1', role: 'applicant', kind: 'person', name: '赵明', idNumber: APPLICANT_ID },
    { id: 'p-1', caseId: 'case-1', role: 'debtor', kind: 'person', name: '张三', idNumber: DEBTOR_PERSON_ID },
    { id: 'p-2', caseId: 'case-1', role: 'debtor', kind: 'company', name: '贵州黔丰建材有限公司', idNumber: DEBTOR_COMPANY_ID },
  ],
};

export function request(channel: ChannelId, partyId: string, state: ChannelRequest['state'], over: Partial<ChannelRequest> = {}): ChannelRequest {
  return {
    id: `r-${channel}-${partyId}`,
    caseId: 'case-1',
    partyId,
    channel,
    kind: 'query',
    state,
    attempts: 1,
    polls: 0,
    createdAt: '2025-06-01T01:00:00.000Z',
    updatedAt: '2025-06-01T01:00:00.000Z',
    ...over,
  };
}

export function asset(id: string, kind: Asset['kind'], value: number | undefined, over: Partial<Asset> = {}): Asset {
  return {
    id,
    caseId: 'case-1',
    partyId: 'p-1',
    requestId: 'r-bank.icbc-p-1',
    channel: 'bank.icbc',
    kind,
    institution: '中国工商银行贵阳分行',
    identifier: `6222 0000 ${id}`,
    description: '活期存款',
    value,
    available: value,
    existingFreezes: [],
    foundAt: '2025-06-01T01:02:00.000Z',
    ...over,
  };
}

export function whereabouts(id: string, over: Partial<Whereabouts> = {}): Whereabouts {
  return {
    id, caseId: 'case-1', partyId: 'p-1', requestId: 'r-hotel.gz-p-1', channel: 'hotel.gz', kind: 'hotel',
    place: '贵阳市云岩区某酒店', at: '2025-05-20T12:00:00.000Z', detail: '入住 2 晚', foundAt: '2025-06-01T01:02:00.000Z', ...over,
  };
}

export function info(id: string, over: Partial<InfoRecord> = {}): InfoRecord {
  return {
    id, caseId: 'case-1', partyId: 'p-1', requestId: 'r-tax.sta-p-1', channel: 'tax.sta', kind: 'tax',
    summary: '2024 年度个人所得税', amount: 12_000_00, foundAt: '2025-06-01T01:02:00.000Z', ...over,
  };
}

export const EMPTY_VIEW: CaseQueryView = { caseId: 'case-1', requests: [], assets: [], whereabouts: [], info: [], totals: [] };

export const ONLINE: NetworkStatus = { online: true, network: 'sandbox', gatewayUrl: 'http://127.0.0.1:9/gw', checkedAt: '2025-06-01T00:00:00.000Z' };

// ---- measures -----------------------------------------------------------------------------

/** The fake main's "today" (plan.today) and the legal maxima computed from it. */
export const TODAY = '2026-03-02';
/** one year for funds from 2026-03-02, that day counted (第485条; docs/domain.md rule 2) */
export const MAX_END_FUNDS = '2027-03-01';
/** three years for real estate and equity */
export const MAX_END_PROPERTY = '2029-03-01';

export const COURT_ACCOUNT: CourtAccount = { id: 'ca-1', bank: '中国工商银行贵阳南明支行', accountNo: '2402000109024567890', name: '贵阳市南明区人民法院' };
export const COURT_ACCOUNT_2: CourtAccount = { id: 'ca-2', bank: '贵阳银行南明支行', accountNo: '1201000100000123', name: '贵阳市南明区人民法院执行款专户' };

export const SETTINGS: BureauSettings = {
  approvalThreshold: 500_000_00,
  reminderDays: [30, 7, 1],
  courtAccounts: [COURT_ACCOUNT],
  exemptLivingAllowance: 1_500_00,
  exemptLivingMonths: 1,
  balanceMaxAgeMinutes: 10,
  creditRemovalWorkingDays: 3,
};

export function candidate(a: Asset, over: Partial<FreezeCandidate> = {}): FreezeCandidate {
  const indivisible = isIndivisible(a.kind);
  return {
    asset: a,
    freezable: true,
    indivisible,
    maxEndDate: ['real_estate', 'equity', 'securities'].includes(a.kind) ? MAX_END_PROPERTY : a.kind === 'vehicle' ? '2028-03-01' : MAX_END_FUNDS,
    freezesAhead: a.existingFreezes.length,
    frozenByCase: 0,
    ...over,
  };
}

/** Outstanding + costs of CASE_DETAIL: 523,400.00 + 4,250.00 − 10,000.00 recovered. */
export const CASE_CAP = 517_650_00;

export function freezePlan(over: Partial<FreezePlan> = {}): FreezePlan {
  const cap = over.cap ?? CASE_CAP;
  const alreadyFrozen = over.alreadyFrozen ?? 0;
  return {
    caseId: 'case-1',
    today: TODAY,
    cap,
    alreadyFrozen,
    remaining: Math.max(0, cap - alreadyFrozen),
    candidates: [],
    suggestion: { items: [], total: 0, reachesCap: false, skipped: [] },
    livingCosts: [],
    disposals: [],
    ...over,
  };
}

export function docRef(id: string, type: DocumentRef['type'], number = '(2025)黔0103执1234号之一'): DocumentRef {
  return { id, type, number, sha256: 'ab'.repeat(32), createdAt: '2026-03-02T02:00:00.000Z' };
}

export function measure(id: string, over: Partial<Measure> = {}): Measure {
  return {
    id,
    caseId: 'case-1',
    partyId: 'p-1',
    assetId: 'a1',
    channel: 'bank.icbc',
    assetKind: 'deposit',
    assetIdentifier: '6222021234567890123',
    kind: 'freeze',
    state: 'executed',
    amount: 12_345_00,
    endsOn: MAX_END_FUNDS,
    decidedBy: OFFICER.code,
    documents: [],
    attempts: 1,
    createdAt: '2026-03-02T02:00:00.000Z',
    updatedAt: '2026-03-02T02:00:00.000Z',
    ...over,
  };
}

export function freezeView(m: Measure, over: Partial<FreezeView> = {}): FreezeView {
  const pending = ['awaiting_approval', 'queued', 'sent', 'unknown'].includes(m.state);
  return {
    measure: m,
    status: pending ? 'pending' : (m.outcome?.queuePosition ?? 0) > 0 ? 'waiting' : 'in_force',
    frozen: pending ? 0 : (m.outcome?.frozenAmount ?? m.amount ?? 0),
    ...(m.endsOn ? { endsOn: m.endsOn, daysLeft: 365 } : {}),
    ...((m.outcome?.queuePosition ?? 0) > 0 ? { queuePosition: m.outcome!.queuePosition } : {}),
    ...over,
  };
}

export function caseMeasures(measures: Measure[], over: Partial<CaseMeasures> = {}): CaseMeasures {
  return {
    caseId: 'case-1',
    measures,
    freezes: measures.filter((m) => m.kind === 'freeze' && !['rejected', 'cancelled'].includes(m.state)).map((m) => freezeView(m)),
    releaseProposals: [],
    ...over,
  };
}

export function deductionPrep(over: Partial<DeductionPrep> = {}): DeductionPrep {
  return {
    freezeId: 'f1',
    caseId: 'case-1',
    frozenNow: 12_345_00,
    // just now: docs/domain.md rule 6 refuses an old balance
    checkedAt: new Date().toISOString(),
    preparedAt: new Date().toISOString(),
    fresh: true,
    outstanding: CASE_CAP,
    suggested: 12_345_00,
    approvalThreshold: SETTINGS.approvalThreshold,
    courtAccounts: [COURT_ACCOUNT],
    ...over,
  };
}

export function courtAccountProposal(id: string, over: Partial<CourtAccountProposal> = {}): CourtAccountProposal {
  return {
    id, accounts: [COURT_ACCOUNT], previous: [], reason: '新开执行款专户', proposedBy: 'F520103008', proposedAt: '2026-12-01T02:00:00.000Z',
    status: 'pending', ...over,
  };
}

export function reminderView(key: string, over: Partial<ReminderView> = {}): ReminderView {
  return {
    key,
    measureId: 'f1',
    freezeId: 'f1',
    caseId: 'case-1',
    caseNumber: CASE_DETAIL.number,
    debtor: '张三',
    assetKind: 'deposit',
    assetDescription: '中国工商银行 6222021234567890123',
    endsOn: '2026-03-09',
    daysBefore: 7,
    dueOn: '2026-03-02',
    missed: false,
    frozen: 12_345_00,
    ...over,
    // the period follows the end date, as main computes it (shared/rules/periods.ts)
    renewal: over.renewal ?? renewalPeriod(over.endsOn ?? '2026-03-09', over.assetKind ?? 'deposit'),
  };
}

export const RULING: DocumentModel = {
  type: '冻结裁定书',
  title: '执行裁定书',
  court: '贵州省贵阳市南明区人民法院',
  caseNumber: CASE_DETAIL.number,
  number: '(2025)黔0103执1234号之一',
  blocks: [
    { kind: 'paragraph', style: 'party', text: '申请执行人：赵明' },
    { kind: 'paragraph', style: 'body', text: '本院在执行申请执行人赵明与被执行人张三买卖合同纠纷一案中，依照《中华人民共和国民事诉讼法》第二百五十三条之规定，裁定如下：' },
    { kind: 'terms', caption: '冻结事项', rows: [{ label: '冻结金额', value: '人民币壹万贰仟叁佰肆拾伍元整（¥12,345.00）' }, { label: '冻结期限', value: '2026-03-02 至 2027-03-01' }] },
    { kind: 'signature', signatories: [{ title: '审判员', name: '王立新' }], showCourt: false, court: '贵州省贵阳市南明区人民法院', dateText: '二〇二六年三月二日', seal: { label: '电子签章', court: '贵州省贵阳市南明区人民法院' }, clerk: { title: '书记员', name: '李晓梅' } },
  ],
  date: '2026-03-02',
  dateText: '二〇二六年三月二日',
};

// ---- credit (docs/domain.md rule 8) -------------------------------------------------------

/** One debtor's credit as credit.view gives it: nothing made, nothing listed. */
export function debtorCredit(partyId: string, over: Partial<DebtorCredit> = {}): DebtorCredit {
  const p = CASE_DETAIL.parties.find((x) => x.id === partyId)!;
  return { partyId, name: p.name, kind: p.kind, notices: [], reports: [], listings: [], steps: [], state: 'none', ...over };
}

/** case-1's credit: both debtors, nothing yet; still owed the cap, nothing frozen. */
export function caseCredit(over: Partial<CaseCredit> = {}): CaseCredit {
  return {
    caseId: 'case-1', outstanding: CASE_CAP, frozen: 0, debtors: [debtorCredit('p-1'), debtorCredit('p-2')], exchanges: [], documents: [],
    removalWorkingDays: 3, ...over,
  };
}

export function notice(id: string, over: Partial<EnforcementNotice> = {}): EnforcementNotice {
  return { id, caseId: 'case-1', partyId: 'p-1', kind: 'execution-notice', documentId: `doc-${id}`, issuedAt: '2026-03-02T02:00:00.000Z', issuedBy: OFFICER.code, ...over };
}

/** A listing of 张三 (p-1) on ground 2, a draft unless said otherwise. */
export function listing(id: string, over: Partial<CreditListing> = {}): CreditListing {
  return {
    id, caseId: 'case-1', partyId: 'p-1', subject: { name: '张三', idNumber: DEBTOR_PERSON_ID, kind: 'person' }, ground: 2,
    evidence: { text: '被执行人以伪造的收据妨碍执行', refs: [] }, state: 'draft', draftedBy: OFFICER.code,
    createdAt: '2026-03-02T02:00:00.000Z', updatedAt: '2026-03-02T02:00:00.000Z', ...over,
  };
}

export function creditExchange(id: string, over: Partial<CreditExchange> = {}): CreditExchange {
  return {
    id, kind: 'listing.publish', caseId: 'case-1', recordId: 'l-1', subjects: [{ name: '张三', idNumber: '5201**********4011', kind: 'person' }],
    payload: {}, signatures: [], state: 'accepted', platformRef: 'SX-2026-000001', attempts: 1,
    createdAt: '2026-03-02T02:00:00.000Z', updatedAt: '2026-03-02T02:00:00.000Z', ...over,
  };
}

type Handler = (input: any) => Result<unknown> | Promise<Result<unknown>>;

export interface FakeApi {
  api: Api;
  calls: { call: string; input: any }[];
  /** replace the answer of one call, e.g. handle('cases.create', () => fail('CASE_EXISTS')) */
  handle(call: string, fn: Handler): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  callsOf(call: string): any[];
}

export const fail = (code: ErrorCode, detail?: { zh: string; en: string }, field?: string): Result<never, AppError> =>
  err(appError(code, detail, field));

export interface FakeOptions {
  setUp?: boolean;
  signedIn?: boolean;
  cases?: CaseSummary[];
}

/** An alert as alerts.list gives it: funds arrived in case-1's ICBC account by default. */
export function alertView(id: string, over: Partial<AlertView> = {}): AlertView {
  return {
    id, caseId: 'case-1', caseNumber: CASE_DETAIL.number, kind: 'funds.arrived', dedupeKey: `k-${id}`,
    reason: { zh: '被执行人中国工商银行账户（尾号 0001）到账 12,345.00元，余额 20,000.00元，可立即冻结', en: '¥12,345.00 arrived in the debtor’s ICBC account ending 0001' },
    source: { kind: 'inflow', id: 'IN-00000001' }, action: 'freeze',
    actionInput: { assetId: 'a-icbc', partyId: 'p-1', channel: 'bank.icbc', identifier: '6222020200001', amount: 1_234_500 },
    state: 'open', raisedAt: '2026-12-02T02:00:00.000Z', ...over,
  };
}

/** A job as jobs.list gives it: a repeat freeze of case-1, due tomorrow, the judge's own. */
/** A debtor who did not report and whose balance rose after filing: proposed 失信 (docs/domain.md rule 8). */
export function debtorConduct(partyId: string): DebtorConduct {
  const timeline: TimelineEvent[] = [
    { at: '2025-03-05T02:00:00.000Z', kind: 'balance', amount: 20_000, source: { kind: 'asset', id: 'asset-a1' }, words: { zh: '中国工商银行账户（尾号 2222）余额 200.00元', en: 'ICBC account ending 2222: balance 200.00元' } },
    { at: '2025-03-20', kind: 'report-missing', source: { kind: 'notice', id: 'notice-r1' }, words: { zh: '报告期限 2025-03-20 届满，未报告财产', en: 'no property report by the deadline 2025-03-20' } },
    { at: '2025-04-01T16:30:00.000Z', kind: 'balance-rise', amount: 1_234_500, source: { kind: 'asset', id: 'asset-a2' }, words: { zh: '中国工商银行账户（尾号 2222）余额立案后增加 12,345.00元', en: 'ICBC account ending 2222: balance rose by 12,345.00元 after filing' } },
  ];
  return { partyId, name: '张三', assessment: assessConduct({ partyId, name: '张三', filedOn: '2025-03-01', today: TODAY, events: timeline }) };
}

export function jobView(id: string, over: Partial<JobView> = {}): JobView {
  return {
    id, kind: 'freeze.repeat', caseId: 'case-1', caseNumber: CASE_DETAIL.number, state: 'queued', params: {},
    progress: { done: 1, total: 30, note: { zh: '第 1 次：冻结 500000 分，尚差 100000 分', en: 'run 1: froze 500000 fen' } },
    runAt: '2026-12-03T02:00:00.000Z', runs: 1, createdBy: OFFICER.code, createdAt: '2026-12-02T02:00:00.000Z', updatedAt: '2026-12-02T02:00:00.000Z',
    manageable: true, ...over,
  };
}

export function createFakeApi(opts: FakeOptions = {}): FakeApi {
  const setUp = opts.setUp ?? true;
  const cases = opts.cases ?? [caseSummary(0, { id: 'case-1', number: CASE_DETAIL.number, applicantName: '赵明', debtorNames: CASE_DETAIL.debtorNames }), caseSummary(1), caseSummary(2)];
  const defaults: Record<string, Handler> = {
    'app.info': () => ok({ version: '0.1.0', mode: 'host', network: 'sandbox', gatewayUrl: ONLINE.gatewayUrl, setUp, keyProtection: 'passphrase' }),
    'session.current': () => ok(opts.signedIn ?? true ? OFFICER : null),
    'session.registeredOfficers': () => ok([OFFICER, OFFICER_2]),
    'session.setUp': (i) => ok(i.officerCode === OFFICER_2.code ? OFFICER_2 : OFFICER),
    'session.signIn': () => ok(OFFICER),
    'session.signOut': () => ok(null),
    'session.enrol': (i) => ok(i.officerCode === OFFICER_2.code ? OFFICER_2 : OFFICER),
    'session.enrolled': () => ok([{ ...OFFICER, enrolledAt: '2026-12-01T02:00:00.000Z', keyId: 'K-1' }]),
    'session.removeOfficer': () => ok(null),
    'session.changePassword': () => ok(null),
    'cases.list': (i) => {
      const q = (i.search ?? '').trim();
      const hits = q ? cases.filter((c) => c.number.includes(q) || c.applicantName.includes(q) || c.debtorNames.some((n) => n.includes(q))) : cases;
      const offset = i.offset ?? 0;
      return ok({ total: hits.length, items: hits.slice(offset, offset + (i.limit ?? 50)) });
    },
    'cases.get': (i) => (i.caseId === 'case-1' ? ok(CASE_DETAIL) : ok({ ...CASE_DETAIL, ...cases.find((c) => c.id === i.caseId), parties: CASE_DETAIL.parties })),
    'cases.create': (i) => ok({ ...CASE_DETAIL, id: 'case-new', number: i.number }),
    'cases.importFromCourt': () => ok({ imported: 3, total: 120 }),
    'cases.close': (i) => ok({ case: { ...CASE_DETAIL, id: i.caseId, status: 'closed', closedOn: TODAY, closedBy: OFFICER.code, closing: 'completed' }, releases: [] }),
    'query.start': () => ok({ requests: [] }),
    'exemptions.get': (i) => ok({ caseId: i.caseId, debtors: [], onlyHomes: [] }),
    'exemptions.setDependants': (i) => {
      const basis = { monthlyPerPerson: 1_500_00, dependants: i.dependants, months: 1 };
      return ok({ partyId: i.partyId, basis, allowance: livingAllowance(basis), formula: livingAllowanceFormula(basis), recordedBy: OFFICER.code, recordedAt: '2026-12-01T02:00:00.000Z' });
    },
    'exemptions.markOnlyHome': (i) => ok({ caseId: i.caseId, debtors: [], onlyHomes: [{ assetId: i.assetId, flag: { onlyHome: i.onlyHome, source: 'judge', reason: i.reason, by: OFFICER.code } }] }),
    'whereabouts.findings': () => ok([]),
    'whereabouts.recordFinding': (i) => ok({ seq: 1, caseId: i.caseId, partyId: i.partyId, ground: i.ground, facts: i.facts, recordedBy: OFFICER.code, recordedAt: '2026-12-01T02:00:00.000Z' }),
    'whereabouts.query': (i) => ok({ requests: (['household.gz', 'exitentry.gz', 'hotel.gz'] as const).map((ch) => request(ch, i.partyId, 'pending', { caseId: i.caseId })) }),
    'cases.confirmFiling': (i) => ok({ ...CASE_DETAIL, id: i.caseId }),
    'query.view': (i) => ok({ ...EMPTY_VIEW, caseId: i.caseId }),
    'query.retry': (i) => ok(request('bank.icbc', 'p-1', 'pending', { id: `${i.requestId}-retry`, createdAt: '2025-06-01T02:00:00.000Z', updatedAt: '2025-06-01T02:00:00.000Z' })),
    'network.status': () => ok(ONLINE),
    'measures.plan': (i) => ok(freezePlan({ caseId: i.caseId })),
    'measures.freeze': (i) => ok({
      measures: i.items.map((it: { assetId: string; amount?: number; endsOn: string }, n: number) =>
        measure(`new-${n + 1}`, { assetId: it.assetId, amount: it.amount, endsOn: it.endsOn, state: 'sent', caseId: i.caseId })),
    }),
    'measures.list': (i) => ok(caseMeasures([], { caseId: i.caseId })),
    'measures.renew': (i) => ok({ measures: i.freezeIds.map((id: string) => measure(`renew-${id}`, { kind: 'renew', freezeId: id, state: 'sent' })) }),
    'measures.release': (i) => ok({ measure: measure(`release-${i.freezeId}`, { kind: 'unfreeze', freezeId: i.freezeId, amount: i.amount, state: 'sent' }) }),
    'measures.cancel': (i) => ok({ measure: measure(i.measureId, { state: 'cancelled', updatedAt: '2026-03-02T03:00:00.000Z' }) }),
    'measures.outbox': () => ok([]),
    'measures.calendar': () => ok([]),
    'deduction.prepare': (i) => ok(deductionPrep({ freezeId: i.freezeId })),
    'deduction.submit': (i) => ok({ measure: measure('d1', { kind: 'deduct', freezeId: i.freezeId, amount: i.amount, state: 'sent', courtAccount: COURT_ACCOUNT, endsOn: undefined }) }),
    'deduction.confirm': (i) => ok({ measure: measure(i.measureId, { kind: 'deduct', state: 'sent', freezeId: 'f1', courtAccount: COURT_ACCOUNT, updatedAt: '2026-03-02T03:00:00.000Z' }) }),
    'deduction.approve': (i) => ok({ measure: measure(i.measureId, { kind: 'deduct', state: i.decision === 'approve' ? 'sent' : 'cancelled', approvedBy: i.approverCode, updatedAt: '2026-03-02T03:00:00.000Z' }) }),
    'reminders.due': () => ok([]),
    'reminders.ack': () => ok(null),
    'documents.list': () => ok([]),
    'documents.get': (i) => ok({ ref: docRef(i.documentId, '冻结裁定书'), content: RULING, pdfBase64: btoa('%PDF-1.7 fake') }),
    'documents.export': (i) => ok({ ref: docRef(i.documentId, '冻结裁定书'), pdfBase64: btoa('%PDF-1.7 fake') }),
    'settings.get': () => ok(SETTINGS),
    'settings.set': (i) => ok({ ...SETTINGS, ...i }),
    'settings.courtAccountProposals': () => ok([]),
    'settings.proposeCourtAccounts': (i) => ok(courtAccountProposal('cap-new', { accounts: i.accounts, reason: i.reason })),
    'settings.confirmCourtAccounts': (i) => ok({ proposal: courtAccountProposal(i.proposalId, { status: 'confirmed', decidedBy: OFFICER.code }), settings: SETTINGS }),
    'settings.rejectCourtAccounts': (i) => ok(courtAccountProposal(i.proposalId, { status: 'rejected', decidedBy: OFFICER.code })),
    'audit.list': () => ok([]),
    'audit.verify': () => ok({ ok: true, entries: 0, checkpoints: 0, gatewayChecked: true, problems: [] }),
    'jobs.list': () => ok([]),
    'jobs.pause': (i) => ok(jobView(i.jobId, { state: 'paused', updatedAt: '2026-12-02T03:00:00.000Z' })),
    'jobs.resume': (i) => ok(jobView(i.jobId, { state: 'queued', updatedAt: '2026-12-02T03:00:00.000Z' })),
    'jobs.cancel': (i) => ok(jobView(i.jobId, { state: 'cancelled', updatedAt: '2026-12-02T03:00:00.000Z' })),
    'alerts.list': () => ok([]),
    'alerts.acknowledge': (i) => ok(alertView(i.alertId, { caseId: i.caseId, state: 'acknowledged', acknowledgedBy: OFFICER.code })),
    'alerts.done': (i) => ok(alertView(i.alertId, { caseId: i.caseId, state: 'done' })),
    'alerts.assign': (i) => ok(alertView(i.alertId, { caseId: i.caseId, assignedTo: i.to })),
    'alerts.monitorFunds': () => ok({ jobId: 'job-monitor', runAt: '2026-12-02T02:00:00.000Z' }),
    'leads.list': () => ok([]),
    'control.sightings': () => ok({ subscriptions: [], sightings: [], controls: [] }),
    'leads.record': (i) => ok({ id: 'lead-1', ...i, checkBy: i.receivedOn, recordedBy: OFFICER.code, recordedAt: '2026-12-02T02:00:00.000Z' }),
    'leads.check': (i) => ok({ id: i.leadId, caseId: i.caseId, text: '线索', assetKind: 'deposit', urgent: false, receivedOn: '2026-11-20', checkBy: '2026-11-27', recordedBy: OFFICER.code, recordedAt: 't', checkedOn: TODAY, checkedBy: OFFICER.code, checkResult: i.result, found: i.found }),
    'conduct.timeline': (i) => ok(debtorConduct(i.partyId)),
    'conduct.confirm': (i) => {
      const c = debtorConduct(i.partyId);
      const problem = reviewProblem(c.assessment.proposed, i.classification, i.reason);
      if (problem) return err(appError('VALIDATION', problem, 'reason'));
      return ok({ ...c, review: { id: 'rev-1', caseId: i.caseId, partyId: i.partyId, ...(c.assessment.proposed ? { proposed: c.assessment.proposed } : {}), decided: i.classification, ...(i.reason ? { reason: i.reason } : {}), decidedBy: OFFICER.code, decidedAt: '2026-03-02T02:30:00.000Z' } });
    },
    'payments.list': () => ok({ payments: [], outstanding: 517_650_00, today: TODAY }),
    'payments.record': (i) => ok({ id: 'pay-new', ...i, recordedBy: OFFICER.code, recordedAt: '2026-03-02T02:00:00.000Z' }),
    'payments.reverse': (i) => ok({ id: i.paymentId, caseId: i.caseId, partyId: 'p-1', amount: 100_00, paidOn: TODAY, method: 'court-account', recordedBy: OFFICER.code, recordedAt: 't', reversal: { id: 'rev-pay', reason: i.reason, by: OFFICER.code, at: 't' } }),
    'repeat.start': (i) => ok(jobView('job-new', { caseId: i.caseId, runs: 0, progress: { done: 0, total: 30 } })),
    'credit.view': (i) => ok(caseCredit({ caseId: i.caseId })),
    'credit.issueNotice': (i) => ok({ notice: notice('n-new', { caseId: i.caseId, partyId: i.partyId, kind: i.kind }), document: docRef('doc-n-new', i.kind === 'execution-notice' ? '执行通知书' : '报告财产令') }),
    'credit.serveNotice': (i) => ok(notice(i.noticeId, { caseId: i.caseId, servedOn: i.servedOn, serviceMethod: i.method })),
    'credit.recordReport': (i) => ok({ id: 'rep-1', caseId: i.caseId, partyId: 'p-1', noticeId: i.noticeId, filedOn: i.filedOn, truthful: i.truthful, summary: i.summary, recordedBy: OFFICER.code, recordedAt: '2026-03-02T02:00:00.000Z' }),
    'credit.recordStep': (i) => ok({ id: 'step-new', ...i, recordedBy: OFFICER.code, recordedAt: '2026-03-02T02:00:00.000Z' }),
    'credit.check': () => ok({ refusals: [], period: { years: 2, endsOn: '2028-03-01' }, outstanding: CASE_CAP, frozen: 0 }),
    'credit.draft': (i) => ok(listing('l-new', { caseId: i.caseId, partyId: i.partyId, ground: i.ground, evidence: i.evidence })),
    'credit.propose': (i) => ok(listing(i.listingId, { state: 'proposed', proposedBy: OFFICER.code, proposedAt: '2026-03-02T03:00:00.000Z' })),
    'credit.approvals': () => ok([]),
    'credit.approve': (i) => ok({ listing: listing(i.listingId, { state: i.decision === 'approve' ? 'listed' : 'refused' }) }),
    'credit.proposeRemoval': (i) => ok({ id: 'rm-1', listingId: i.listingId, caseId: i.caseId, ground: 'paid', factOn: TODAY, dueOn: '2026-03-05', proposedAt: '2026-03-02T03:00:00.000Z' }),
    'credit.confirmRemoval': (i) => ok({ removal: { id: 'rm-1', listingId: i.listingId, caseId: i.caseId, ground: 'paid', factOn: TODAY, dueOn: '2026-03-05', proposedAt: '2026-03-02T03:00:00.000Z', confirmedBy: OFFICER.code, confirmedAt: '2026-03-02T04:00:00.000Z', documentId: 'doc-rm' }, document: docRef('doc-rm', '删除失信信息决定书') }),
    'credit.decideRepair': (i) => ok({ step: { id: 'step-rd', caseId: i.caseId, partyId: 'p-1', listingId: i.listingId, kind: 'repair-decision', on: TODAY, text: i.reason, granted: i.granted, recordedBy: OFFICER.code, recordedAt: '2026-03-02T04:00:00.000Z' } }),
    'evidence.export': () => ok({ path: '/home/judge/exports/证据包-(2025)黔0103执1234号.json', fileName: '证据包-(2025)黔0103执1234号.json', sha256: 'ab'.repeat(32), bytes: 2048, auditThrough: 40, anchoredThrough: 38 }),
    'distribution.view': (i) => ok({
      caseId: i.caseId, today: TODAY, recovered: 0, costs: 0, claims: [], plans: [], eligible: { ok: true, zh: '', en: '' },
      preview: { distributable: 0, costsPaid: 0, priorityPaid: 0, ordinaryPool: 0, ordinaryClaimed: 0, shares: [], surplus: 0 },
    }),
    'distribution.seizures': () => ok([]),
    'distribution.duplicates': () => ok([]),
    'valuation.list': (i) => ok({ caseId: i.caseId, properties: [] }),
  };
  const handlers = new Map<string, Handler>(Object.entries(defaults));
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: { call: string; input: any }[] = [];

  const groups: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const [g, m] of allCalls()) {
    const key = `${g}.${m}`;
    (groups[g] ??= {})[m] = async (input: unknown) => {
      calls.push({ call: key, input });
      const h = handlers.get(key);
      if (!h) throw new Error(`fake api: no handler for ${key}`);
      return h(input);
    };
  }
  const api = {
    ...groups,
    on(event: string, fn: (p: unknown) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
  } as unknown as Api;

  return {
    api,
    calls,
    handle(call, fn) {
      handlers.set(call, fn);
    },
    emit(event, payload) {
      for (const fn of [...(listeners.get(event) ?? [])]) fn(payload);
    },
    callsOf(call) {
      return calls.filter((c) => c.call === call).map((c) => c.input);
    },
  };
}
