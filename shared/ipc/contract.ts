/**
 * The IPC contract: one source of truth for every call and event between renderer and main.
 * Channel names, argument and result types are derived from this object (docs/architecture.md, principle 3); the preload
 * exposes one method per call, main parses every payload with the call's zod schema (docs/architecture.md, principle 5) and
 * answers a Result (docs/architecture.md, principle 6). Host mode carries the same contract over a loopback WebSocket.
 */
import { z } from 'zod';
import type { Result } from '../result';
import type {
  AuditEntry, CaseDetail, CaseQueryView, CaseSummary, ChannelRequest, NetworkStatus, Officer,
  Asset, Whereabouts, InfoRecord, WhereaboutsFinding,
} from '../domain/types';
import { CHANNEL_IDS } from '../domain/channels';
import { caseRead, PUBLIC, PUBLIC_READ, type Policy } from './policy';
import { creditEvents, creditGroup } from './groups/credit';
import type { CaseDocument, DocumentRef, Measure } from '../domain/measures';
import type { AuditVerification } from '../domain/audit';
import type { DocumentModel } from '../documents/model';
import type {
  BureauSettings, CaseExemptions, CaseMeasures, CourtAccountProposal, DebtorLivingCosts, DeductionPrep, ExpiryDay, FreezePlan, ReminderView,
} from '../domain/measure-views';
import { alertEvents, alertsGroup } from './groups/alerts';
import { controlEvents, controlGroup } from './groups/control';
import { jobEvents, jobsGroup } from './groups/jobs';
import { leadsGroup } from './groups/leads';
import { repeatFreezeGroup } from './groups/repeat-freeze';
import { conductGroup } from './groups/conduct';
import { paymentsGroup } from './groups/payments';
import { batchGroup } from './groups/batch';
import { boardGroup } from './groups/board';
import { distributionGroup } from './groups/distribution';
import { valuationGroup } from './groups/valuation';
import { sheetsGroup } from './groups/sheets';
import { dashboardGroup } from './groups/dashboard';
import { terminalGroup } from './groups/terminal';
import { restrictionGroup } from './groups/restriction';
import { noticesGroup } from './groups/notices';
import { CLIENT_REQUEST_ID } from '../ids/request-id';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
/** a party typed into a new case: 住所 and a company's 法定代表人 (with his 职务) are optional */
const newParty = z.object({
  kind: z.enum(['person', 'company']), name: text(100).min(1), idNumber: text(18),
  address: text(200).optional(),
  legalRepresentative: z.object({ name: text(50), title: text(30).optional() }).strict().optional(),
}).strict();
const password = z.string().min(1).max(256);
/** the renderer's id for one click of 冻结, 续冻, 解除 or 扣划: a decision makes its measures once (docs/authority.md) */
const decisionId = z.string().regex(CLIENT_REQUEST_ID, 'decision id: 8–64 letters, digits, - or _');

/** an officer enrolled on this workstation, as the settings page lists them */
export interface EnrolledOfficerView extends Officer {
  enrolledAt: string;
  /** the register's id of his signing key; absent while it is not registered */
  keyId?: string;
}

/** A deduction in the approvals inbox, as the approving chief sees it. */
export interface ApprovalInboxItem {
  id: string;
  caseNumber: string;
  decidedBy: string;
  amount: number;
  /** the debtor's name and masked ID, the channel and the account */
  subject: string;
  channel: string;
  assetIdentifier: string;
  offeredAt: string;
  status: 'pending' | 'approved' | 'refused';
}

/** the largest page `cases.list` answers */
export const CASE_LIST_MAX_PAGE = 500;

export const contract = {
  app: {
    info: {
      policy: PUBLIC_READ,
      input: z.object({}).strict(),
      output: out<{
        version: string;
        mode: 'electron' | 'host';
        network: 'sandbox' | 'gateway';
        gatewayUrl: string;
        setUp: boolean;
        keyProtection: 'safeStorage' | 'passphrase';
      }>(),
    },
  },
  session: {
    current: { policy: PUBLIC_READ, input: z.object({}).strict(), output: out<Officer | null>() },
    /** officers the network has registered for this court, offered at first setup */
    registeredOfficers: { policy: PUBLIC_READ, input: z.object({}).strict(), output: out<Officer[]>() },
    /**
     * first run: the officer enrols with the one-time enrolment code the network's register gave
     * him, chooses his password, and the encrypted store is created under his credential
     */
    setUp: {
      policy: PUBLIC,
      input: z.object({ officerCode: text(32).min(1), enrolmentCode: text(32).min(1), password }).strict(),
      output: out<Officer>(),
    },
    signIn: {
      policy: PUBLIC,
      input: z.object({ officerCode: text(32).min(1), password }).strict(),
      output: out<Officer>(),
    },
    signOut: { policy: { act: 'workstation.use' }, input: z.object({}).strict(), output: out<null>() },
    /**
     * another officer enrols himself on this workstation with his own one-time enrolment code and
     * his own password; nobody can enrol anyone else or replace an existing credential
     */
    enrol: {
      policy: PUBLIC,
      input: z.object({ officerCode: text(32).min(1), enrolmentCode: text(32).min(1), password }).strict(),
      output: out<Officer>(),
    },
    /** an officer's new password, given his old one */
    changePassword: {
      policy: PUBLIC,
      input: z.object({ officerCode: text(32).min(1), oldPassword: password, newPassword: password }).strict(),
      output: out<null>(),
    },
    /** the officers who can sign in on this workstation */
    enrolled: { policy: { act: 'workstation.use', read: true }, input: z.object({}).strict(), output: out<EnrolledOfficerView[]>() },
    /** takes an officer's access to this workstation away (a chief or the director); the store is rekeyed */
    removeOfficer: { policy: { act: 'officers.manage' }, input: z.object({ officerCode: text(32).min(1) }).strict(), output: out<null>() },
  },
  cases: {
    list: {
      policy: { act: 'case.read', read: true, audit: { action: 'case.search', basis: 'caseRead' } },
      input: z.object({
        search: text(100).optional(),
        status: z.enum(['open', 'closed', 'all']).optional(),
        /** only the officer's own cases (a clerk's: his team's) */
        mine: z.boolean().optional(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
        limit: z.number().int().min(1).max(CASE_LIST_MAX_PAGE).optional(),
      }).strict(),
      output: out<{ total: number; items: CaseSummary[] }>(),
    },
    get: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CaseDetail>() },
    create: {
      policy: { act: 'case.enter' },
      input: z.object({
        number: text(40),
        filedOn: text(10),
        cause: text(200),
        amountOwed: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
        costs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        /** optional, both or neither: the judgment's 履行期限届满日 and the principal late-performance interest accrues on */
        performanceDueOn: text(10).optional(),
        interestPrincipal: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        applicant: newParty,
        debtors: z.array(newParty).min(1).max(20),
      }).strict(),
      output: out<CaseDetail>(),
    },
    /** imports the court's docket from its case-management system (the sandbox's demo court) */
    importFromCourt: { policy: { act: 'case.import' }, input: z.object({}).strict(), output: out<{ imported: number; total: number }>() },
    /** asks the case-management system again about a filing entered by hand */
    confirmFiling: { policy: { act: 'case.enter', case: 'caseId' }, input: z.object({ caseId: id }).strict(), output: out<CaseDetail>() },
    /**
     * 结案, paid in full (执行完毕): one decision releases every freeze still held (查扣冻规定 第二十八条)
     * and closes the case; the case's judge, a chief or the director; refused while a measure is
     * in flight or of unknown outcome, or while anything is still owed
     */
    close: {
      policy: { act: 'case.close', case: 'caseId' },
      input: z.object({ caseId: id, decisionId }).strict(),
      output: out<{ case: CaseDetail; releases: Measure[] }>(),
    },
  },
  query: {
    /** one click: every channel × every debtor of the case */
    start: {
      policy: { act: 'query.property', case: 'caseId' },
      input: z.object({ caseId: id }).strict(),
      output: out<{ requests: ChannelRequest[] }>(),
    },
    view: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CaseQueryView>() },
    /** re-send one failed or manual query (a new request id: queries may be repeated, measures may not) */
    retry: { policy: { act: 'query.property', case: 'requestId' }, input: z.object({ requestId: id }).strict(), output: out<ChannelRequest>() },
  },
  whereabouts: {
    /** the findings in force that open whereabouts channels, per debtor */
    findings: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<WhereaboutsFinding[]>() },
    /** the judge records that a debtor refuses and evades, or is missing, with the facts (docs/domain.md rule 10) */
    recordFinding: {
      policy: { act: 'finding.record', case: 'caseId' },
      input: z.object({ caseId: id, partyId: id, ground: z.enum(['evading', 'missing']), facts: text(1000).min(4) }).strict(),
      output: out<WhereaboutsFinding>(),
    },
    /** hotel lodging, exit and entry, household register for one debtor, behind his finding */
    query: {
      policy: { act: 'query.whereabouts', case: 'caseId' },
      input: z.object({ caseId: id, partyId: id }).strict(),
      output: out<{ requests: ChannelRequest[] }>(),
    },
  },
  exemptions: {
    /** each person debtor's dependants and living allowance, and the flats flagged as an only home (docs/domain.md rule 5) */
    get: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CaseExemptions>() },
    /** the judge records a person debtor's dependants (所扶养家属人数) in this case */
    setDependants: {
      policy: { act: 'exemption.record', case: 'caseId' },
      input: z.object({ caseId: id, partyId: id, dependants: z.number().int().min(0).max(20) }).strict(),
      output: out<DebtorLivingCosts>(),
    },
    /** the judge sets or clears a flat's only-home flag, with his reason (执行异议复议规定 第二十条 for the exceptions) */
    markOnlyHome: {
      policy: { act: 'exemption.record', case: 'caseId' },
      input: z.object({ caseId: id, assetId: id, onlyHome: z.boolean(), reason: text(500).min(2) }).strict(),
      output: out<CaseExemptions>(),
    },
  },
  network: {
    status: { policy: PUBLIC_READ, input: z.object({}).strict(), output: out<NetworkStatus>() },
  },
  measures: {
    /** the cap, what is already frozen, each asset's legal limits and a suggested allocation */
    plan: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<FreezePlan>() },
    /** one click sends the whole set; refused whole if any item breaks a rule */
    freeze: {
      policy: { act: 'measure.decide', case: 'caseId' },
      input: z.object({
        caseId: id,
        decisionId,
        items: z.array(z.object({
          assetId: id,
          amount: fen.optional(),
          endsOn: isoDate,
          overCapReason: text(500).optional(),
        }).strict()).min(1).max(100),
      }).strict(),
      output: out<{ measures: Measure[] }>(),
    },
    list: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CaseMeasures>() },
    /** renew one or many freezes before they lapse; endsOn absent = the longest the law allows */
    renew: {
      policy: { act: 'measure.decide', case: 'freezeIds' },
      input: z.object({ freezeIds: z.array(id).min(1).max(500), decisionId, endsOn: isoDate.optional() }).strict(),
      output: out<{ measures: Measure[] }>(),
    },
    release: {
      policy: { act: 'measure.decide', case: 'freezeId' },
      input: z.object({ freezeId: id, decisionId, amount: fen.optional(), reason: text(500).min(1) }).strict(),
      output: out<{ measure: Measure }>(),
    },
    /** withdraw a measure that has not gone out (awaiting approval, or queued while offline) */
    cancel: { policy: { act: 'measure.decide', case: 'measureId' }, input: z.object({ measureId: id }).strict(), output: out<{ measure: Measure }>() },
    /** every measure not yet concluded, across cases: the outbox the judge can see */
    outbox: { policy: { act: 'case.read', read: true }, input: z.object({}).strict(), output: out<(Measure & { caseNumber: string })[]>() },
    calendar: { policy: { act: 'case.read', read: true }, input: z.object({ from: isoDate, to: isoDate }).strict(), output: out<ExpiryDay[]>() },
  },
  deduction: {
    /** re-queries the frozen balance from the agency before anything else (docs/domain.md rule 6) */
    prepare: { policy: { act: 'measure.draft', case: 'freezeId' }, input: z.object({ freezeId: id }).strict(), output: out<DeductionPrep>() },
    /** the officer confirms with their password (PIN); above the threshold it waits for approval */
    submit: {
      policy: { act: 'deduction.decide', case: 'freezeId' },
      input: z.object({
        freezeId: id, decisionId, amount: fen.min(1), courtAccountId: id, checkedAt: z.string().max(40), pin: password,
        /** the deduction of this freeze the agency refused, decided again on a new balance check */
        retryOf: id.optional(),
      }).strict(),
      output: out<{ measure: Measure }>(),
    },
    /** a deduction prepared offline (a draft) goes only after a fresh re-query and a new confirmation */
    confirm: {
      policy: { act: 'deduction.decide', case: 'measureId' },
      input: z.object({ measureId: id, checkedAt: z.string().max(40), pin: password }).strict(),
      output: out<{ measure: Measure }>(),
    },
    /** a division chief approves with their own code and password */
    approve: {
      policy: { act: 'case.read', case: 'measureId' },
      input: z.object({ measureId: id, approverCode: text(32).min(1), approverPassword: password, decision: z.enum(['approve', 'refuse']), reason: text(500).optional() }).strict(),
      output: out<{ measure: Measure }>(),
    },
  },
  approvals: {
    /** deductions waiting at the gateway for the signed-in chief or director, from any workstation */
    inbox: { policy: { act: 'deduction.approve', read: true }, input: z.object({}).strict(), output: out<ApprovalInboxItem[]>() },
    /** he approves (signing the measure's body with his own key) or refuses, confirming with his password */
    decide: {
      policy: { act: 'deduction.approve' },
      input: z.object({ id, decision: z.enum(['approve', 'refuse']), reason: text(500).optional(), pin: password }).strict(),
      output: out<ApprovalInboxItem>(),
    },
    /** takes back the decisions on this workstation's deductions awaiting approval, and sends the approved */
    refresh: { policy: { act: 'case.read', read: true }, input: z.object({}).strict(), output: out<{ moved: number }>() },
  },
  reminders: {
    due: { policy: { act: 'case.read', read: true }, input: z.object({}).strict(), output: out<ReminderView[]>() },
    ack: { policy: { act: 'case.read' }, input: z.object({ key: text(200).min(1) }).strict(), output: out<null>() },
    /** 执保: makes the 保全期限届满提醒通知书 to the applicant and records the reminder, once per 届满日 */
    notifyApplicant: { policy: { act: 'measure.decide', case: 'caseId' }, input: z.object({ caseId: id }).strict(), output: out<{ endsOn: string; document: DocumentRef }>() },
  },
  documents: {
    list: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CaseDocument[]>() },
    get: { policy: caseRead('documentId'), input: z.object({ documentId: id }).strict(), output: out<{ ref: DocumentRef; content: DocumentModel; pdfBase64: string }>() },
    /** a copy to keep outside the encrypted store (personal data in plaintext): each one is audited */
    export: { policy: { act: 'document.export', case: 'documentId' }, input: z.object({ documentId: id }).strict(), output: out<{ ref: DocumentRef; pdfBase64: string }>() },
  },
  settings: {
    get: { policy: { act: 'workstation.use', read: true }, input: z.object({}).strict(), output: out<BureauSettings>() },
    set: {
      policy: { act: 'settings.bureau' },
      input: z.object({
        approvalThreshold: fen.optional(),
        reminderDays: z.array(z.number().int().min(0).max(365)).max(10).optional(),
        courtAccounts: z.array(z.object({ id, bank: text(100).min(1), accountNo: text(40).min(1), name: text(100).min(1) }).strict()).max(20).optional(),
        exemptLivingAllowance: fen.optional(),
        exemptLivingMonths: z.number().int().min(1).max(24).optional(),
        balanceMaxAgeMinutes: z.number().int().min(1).max(1440).optional(),
        creditRemovalWorkingDays: z.number().int().min(1).max(15).optional(),
      }).strict(),
      output: out<BureauSettings>(),
    },
    /**
     * Four eyes on the court's receiving accounts (docs/authority.md): a chief or the director
     * proposes the new list with a reason; another one, never the proposer, confirms or rejects it.
     */
    proposeCourtAccounts: {
      policy: { act: 'settings.courtAccounts' },
      input: z.object({
        accounts: z.array(z.object({ id, bank: text(100).min(1), accountNo: text(40).min(1), name: text(100).min(1) }).strict()).max(20),
        reason: text(500).min(2),
      }).strict(),
      output: out<CourtAccountProposal>(),
    },
    courtAccountProposals: { policy: { act: 'workstation.use', read: true }, input: z.object({}).strict(), output: out<CourtAccountProposal[]>() },
    confirmCourtAccounts: {
      policy: { act: 'settings.courtAccounts' },
      input: z.object({ proposalId: id }).strict(),
      output: out<{ proposal: CourtAccountProposal; settings: BureauSettings }>(),
    },
    rejectCourtAccounts: {
      policy: { act: 'settings.courtAccounts' },
      input: z.object({ proposalId: id, note: text(500).optional() }).strict(),
      output: out<CourtAccountProposal>(),
    },
  },
  audit: {
    list: {
      policy: { act: 'audit.read', case: 'caseId', caseOptional: true, read: true },
      input: z.object({
        caseId: id.optional(),
        /** one officer's acts: another officer's only for a chief or the director (act audit.bureau) */
        officer: text(32).min(1).optional(),
        /** an action and its sub-actions: 'measure' matches 'measure.freeze.executed' */
        action: text(64).min(1).optional(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      }).strict(),
      output: out<AuditEntry[]>(),
    },
    /** the chain walked, and every checkpoint the gateway acknowledged checked against it (docs/audit.md) */
    verify: { policy: { act: 'workstation.use', read: true }, input: z.object({}).strict(), output: out<AuditVerification>() },
  },
  evidence: {
    /**
     * the case's signed evidence package (docs/audit.md), written to a file the officer chose to
     * make: personal data in plaintext, so his password opens his signing key and each export is
     * an audit entry of its own with the file's hash, never its content
     */
    export: {
      policy: { act: 'evidence.export', case: 'caseId', audit: { action: 'case.read', basis: 'caseRead' } },
      input: z.object({ caseId: id, pin: password }).strict(),
      output: out<{ path: string; fileName: string; sha256: string; bytes: number; auditThrough: number; anchoredThrough?: number }>(),
    },
  },
  credit: creditGroup,
  jobs: jobsGroup,
  alerts: alertsGroup,
  leads: leadsGroup,
  repeat: repeatFreezeGroup,
  control: controlGroup,
  conduct: conductGroup,
  terminal: terminalGroup,
  restriction: restrictionGroup,
  payments: paymentsGroup,
  batch: batchGroup,
  notices: noticesGroup,
  board: boardGroup,
  distribution: distributionGroup,
  valuation: valuationGroup,
  sheets: sheetsGroup,
  dashboard: dashboardGroup,
} as const;

/** Events main → renderer. */
export const events = {
  'query.request': z.object({
    request: z.object({
      id, caseId: id, partyId: id, channel: z.enum(CHANNEL_IDS), kind: z.literal('query'),
      state: z.enum(['pending', 'sent', 'waiting', 'answered', 'failed', 'manual']),
      attempts: z.number().int(), polls: z.number().int(), createdAt: z.string(), updatedAt: z.string(),
      error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).optional(),
    }),
  }),
  'query.findings': z.object({
    caseId: id,
    requestId: id,
    assets: z.array(z.custom<Asset>()),
    whereabouts: z.array(z.custom<Whereabouts>()),
    info: z.array(z.custom<InfoRecord>()),
  }),
  'network.status': z.custom<NetworkStatus>(),
  'measure.updated': z.object({ measure: z.custom<Measure>() }),
  /** every reminder now due for the signed-in officer: the list replaces the one shown */
  'reminder.due': z.object({ reminders: z.array(z.custom<ReminderView>()) }),
  'session.locked': z.object({ reason: z.enum(['signout', 'idle']) }),
  ...jobEvents,
  ...alertEvents,
  ...creditEvents,
  ...controlEvents,
} as const;

type C = typeof contract;
type AnySpec = { input: z.ZodType; output: z.ZodType; policy: Policy };
/** every call declares its schema and its policy side by side (a call without a policy does not compile) */
const everyCallHasAPolicy: Record<string, Record<string, AnySpec>> = contract;
void everyCallHasAPolicy;

export type Group = keyof C;
export type MethodOf<G extends Group> = keyof C[G] & string;
type Spec<G extends Group, M extends MethodOf<G>> = C[G][M] extends AnySpec ? C[G][M] : never;
export type CallInput<G extends Group, M extends MethodOf<G>> = z.input<Spec<G, M>['input']>;
/** the input as the handler receives it, after the schema parsed it */
export type ParsedInput<G extends Group, M extends MethodOf<G>> = z.output<Spec<G, M>['input']>;
export type CallOutput<G extends Group, M extends MethodOf<G>> = z.output<Spec<G, M>['output']>;
export type PolicyOf<G extends Group, M extends MethodOf<G>> = Spec<G, M>['policy'];

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** The API the renderer sees: `api.cases.list({...})` → Promise<Result<...>>, plus `on(event, fn)`. */
export type Api = {
  [G in Group]: { [M in MethodOf<G>]: (input: CallInput<G, M>) => Promise<Result<CallOutput<G, M>>> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Where a call came from: the transport, and which window or socket (its sign-in is its own). */
export interface CallContext {
  transport: 'electron' | 'host';
  /** one id per window (Electron) or per page and its reconnections (host mode); defaults to the transport */
  connection?: string;
}

export const IPC_PREFIX = 'ck:';
export const EVENT_CHANNEL = 'ck:event';

export function channelName(group: string, method: string): string {
  return `${IPC_PREFIX}${group}.${method}`;
}

/** All calls as [group, method] pairs, for building bridges and routers. */
export function allCalls(): [Group, string][] {
  return (Object.keys(contract) as Group[]).flatMap((g) => Object.keys(contract[g]).map((m) => [g, m] as [Group, string]));
}

export function callSpec(group: string, method: string): AnySpec | undefined {
  const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  if (!own(contract, group)) return undefined;
  const g = (contract as Record<string, Record<string, AnySpec>>)[group]!;
  return own(g, method) ? g[method] : undefined;
}

/** Calls that only read: safe for a transport to send again after a dropped link. */
export function isReadCall(group: string, method: string): boolean {
  return callSpec(group, method)?.policy.read === true;
}
