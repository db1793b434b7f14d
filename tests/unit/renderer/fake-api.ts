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
    'cases.list': (i) => {
      const q = (i.search ?? '').trim();
      const hits = q ? cases.filter((c) => c.number.includes(q) || c.applicantName.includes(q) || c.debtorNames.some((n) => n.includes(q))) : cases;
      const offset = i.offset ?? 0;
      return ok({ total: hits.length, items: hits.slice(offset, offset + (i.limit ?? 50)) });
    },
    'cases.get': (i) => (i.caseId === 'case-1' ? ok(CASE_DETAIL) : ok({ ...CASE_DETAIL, ...cases.find((c) => c.id === i.caseId), parties: CASE_DETAIL.parties })),
    'cases.create': (i) => ok({ ...CASE_DETAIL, id: 'case-new', number: i.number }),
    'cases.importFromCourt': () => ok({ imported: 3, total: 120 }),
    'query.start': () => ok({ requests: [] }),
    'query.view': (i) => ok({ ...EMPTY_VIEW, caseId: i.caseId }),
    'query.retry': (i) => ok(request('bank.icbc', 'p-1', 'pending', { id: `${i.requestId}-retry`, createdAt: '2025-06-01T02:00:00.000Z', updatedAt: '2025-06-01T02:00:00.000Z' })),
    'network.status': () => ok(ONLINE),
    'audit.list': () => ok([]),
    'audit.verify': () => ok({ ok: true, entries: 0 }),
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
