/**
 * The domain model both sides share. Plain data, serialisable over IPC.
 * Money is integer fen; civil dates are 'YYYY-MM-DD' (CST); instants are ISO-8601 strings.
 */
import type { Fen } from '../money';
import type { ChannelId } from './channels';
import type { CaseTypeCode } from '../ids/case-number';
import type { Role } from '../authority/roles';

export type OfficerRole = Role;

export interface Officer {
  /** code registered with the network (officer credential register), e.g. "F520103001" */
  code: string;
  name: string;
  court: string;
  role: OfficerRole;
  /** clerks and assistants: the judges whose cases they prepare (docs/authority.md) */
  team?: string[];
}

export type PartyKind = 'person' | 'company';
export type PartyRole = 'debtor' | 'applicant';

export interface Party {
  id: string;
  caseId: string;
  role: PartyRole;
  kind: PartyKind;
  name: string;
  /** resident ID (person) or unified social credit code (company) */
  idNumber: string;
  /** 住所 (a person's domicile) or 住所地 (a company's seat), as the case-management system or the filing gives it */
  address?: string;
  /** a company's 法定代表人, with his 职务 (董事长, 执行董事, 经理 …) */
  legalRepresentative?: LegalRepresentative;
}

export interface LegalRepresentative {
  name: string;
  /** 职务 */
  title?: string;
}

/** What a document says of a party besides its name and ID (docs/domain.md, "Documents"). */
export type PartyParticulars = Pick<Party, 'address' | 'legalRepresentative'>;

export type CaseStatus = 'open' | 'closed';

/**
 * How a case was closed: 执行完毕, paid in full; 终本, without full recovery (docs/domain.md rule 12);
 * and, as the case-management system records closings made elsewhere (docs/dashboard.md), 终结执行,
 * 销案 and 不予执行.
 */
export type CaseClosing = 'completed' | 'terminal' | 'ended' | 'withdrawn' | 'not-enforced';

export const CASE_CLOSINGS: Readonly<Record<CaseClosing, { zh: string; en: string }>> = {
  completed: { zh: '执行完毕', en: 'enforcement completed' },
  terminal: { zh: '终结本次执行程序', en: 'round of enforcement closed (终本)' },
  ended: { zh: '终结执行', en: 'enforcement ended' },
  withdrawn: { zh: '销案', en: 'case withdrawn' },
  'not-enforced': { zh: '不予执行', en: 'enforcement refused' },
};

/** evading: refuses to perform and evades enforcement; missing: his whereabouts are unknown (docs/domain.md rule 10) */
export type WhereaboutsGround = 'evading' | 'missing';

/** The judge's recorded finding that opens the whereabouts channels for one debtor of one case. */
export interface WhereaboutsFinding {
  seq: number;
  caseId: string;
  partyId: string;
  ground: WhereaboutsGround;
  facts: string;
  recordedBy: string;
  recordedAt: string;
  endedAt?: string;
}

/**
 * pending   – entered by hand here; the case-management system has not confirmed it yet
 * confirmed – the case-management system knows the case, its court and its parties
 * refused   – the system does not know it, or knows other parties: nothing may be done with it
 */
export type FilingState = 'pending' | 'confirmed' | 'refused';

export interface CaseSummary {
  id: string;
  number: string;
  court: string;
  type: CaseTypeCode;
  filedOn: string;
  status: CaseStatus;
  applicantName: string;
  debtorNames: string[];
  amountOwed: Fen;
  recovered: Fen;
  /** 承办人: the judge the case-management system assigned */
  assignee?: string;
  filing: FilingState;
  /** a closed case: the day (CST) and the way it was closed */
  closedOn?: string;
  closing?: CaseClosing;
}

export interface CaseDetail extends CaseSummary {
  /** who entered a filing by hand */
  enteredBy?: string;
  /** the case-management system's answer about a filing, in the judge's words */
  filingNote?: string;
  /** who closed the case */
  closedBy?: string;
  costs: Fen;
  cause: string;
  /** the case type's time limit (docs/domain.md rule 11): absent for types the program keeps none for */
  deadline?: string;
  daysLeft?: number;
  deadlineBasis?: { zh: string; en: string };
  /** 履行期限届满日: the last day the judgment gave the debtor to pay (docs/domain.md rule 1) */
  performanceDueOn?: string;
  /** the money debt late-performance interest accrues on (除一般债务利息之外的金钱债务) */
  interestPrincipal?: Fen;
  /** 迟延履行期间的债务利息 as of today, when the case gives the two fields above */
  lateInterest?: { amount: Fen; from: string; days: number };
  /** 执保: the earliest end of its live freezes and seals (保全期限届满日, docs/domain.md rule 2) */
  preservationEndsOn?: string;
  parties: Party[];
  createdAt: string;
}

export type RequestKind = 'query';

/**
 * pending  – written to the store, not yet sent
 * sent     – on the wire
 * waiting  – accepted by the gateway, feedback not yet in (polling)
 * answered – feedback received and normalised
 * failed   – refused by the agency, or retries exhausted on a definite error
 * manual   – no feedback within the polling limit: needs manual handling
 */
export type RequestState = 'pending' | 'sent' | 'waiting' | 'answered' | 'failed' | 'manual';

export interface ChannelRequest {
  /** client request id (UUID), the idempotency key the gateway deduplicates on */
  id: string;
  caseId: string;
  partyId: string;
  channel: ChannelId;
  kind: RequestKind;
  state: RequestState;
  attempts: number;
  polls: number;
  createdAt: string;
  updatedAt: string;
  error?: { code: string; message: string; messageEn: string };
}

export type AssetKind =
  | 'deposit' | 'online_funds' | 'securities' | 'wealth' | 'real_estate' | 'vehicle' | 'equity'
  | 'provident_fund';

export interface ExistingFreeze {
  court: string;
  /** the other court's case number, when the agency reports it (to place a waiting freeze) */
  caseNumber?: string;
  amount?: Fen;
  until?: string;
}

/**
 * What a registry or an agency needs to find the asset a document names, per kind (docs/domain.md,
 * "Documents"). Only what the agency's answer gave is present.
 */
export interface RealEstateParticulars {
  kind: 'real_estate';
  /** 坐落 */
  location?: string;
  /** 不动产单元号: 28 characters, e.g. 520102001001GB00001F00010001 */
  unitNumber?: string;
  /** 建筑面积 in 0.01 m² (the registry keeps two decimals) */
  areaCentiM2?: number;
}

export interface VehicleParticulars {
  kind: 'vehicle';
  /** 号牌种类 by its name, e.g. 小型汽车 */
  plateType?: string;
  /** 车辆识别代号 (VIN): 17 characters */
  vin?: string;
  brand?: string;
  model?: string;
}

export interface HeldSecurity {
  /** 证券代码 */
  code: string;
  /** 证券名称 */
  name: string;
  /** whole shares (or units) */
  quantity: number;
}

export interface SecuritiesParticulars {
  kind: 'securities';
  holdings: HeldSecurity[];
}

export interface EquityParticulars {
  kind: 'equity';
  /** the company whose equity it is */
  company: string;
  /** its unified social credit code, when the registry gives it */
  companyCode?: string;
  /** 出资额 (subscribed contribution), fen */
  contribution?: Fen;
  /** 持股比例 in basis points (30% = 3000) */
  ratioBp?: number;
}

export type AssetParticulars = RealEstateParticulars | VehicleParticulars | SecuritiesParticulars | EquityParticulars;

export interface Asset {
  id: string;
  caseId: string;
  partyId: string;
  requestId: string;
  channel: ChannelId;
  kind: AssetKind;
  /** institution that holds it: bank name, registry office, platform */
  institution: string;
  /** account number, certificate number, plate, securities account, company name … */
  identifier: string;
  description: string;
  /** balance or market value in fen; absent when the agency gives none (e.g. real estate) */
  value?: Fen;
  /** available (not frozen by others) part of value, when the agency reports it */
  available?: Fen;
  existingFreezes: ExistingFreeze[];
  /** real estate: the registry's 用途 of the unit (住宅, 商业 …), for the only home (docs/domain.md rule 5) */
  usage?: string;
  /** provident fund: the center's account status and the withdrawal condition met (docs/domain.md rule 5) */
  withdrawal?: PfWithdrawal;
  /** the particulars a document states, for real estate, vehicles, securities and equity */
  particulars?: AssetParticulars;
  foundAt: string;
}

/**
 * The housing provident fund center's word on an account: its status and the withdrawal condition
 * of 住房公积金管理条例 第二十四条 the debtor meets, absent when he meets none.
 */
export interface PfWithdrawal {
  status: string;
  condition?: string;
}

export type WhereaboutsKind = 'hotel' | 'exit_entry' | 'household';

export interface Whereabouts {
  id: string;
  caseId: string;
  partyId: string;
  requestId: string;
  channel: ChannelId;
  kind: WhereaboutsKind;
  place: string;
  /** when the record was made (check-in, border crossing, registration) */
  at: string;
  detail: string;
  foundAt: string;
}

export type InfoKind = 'tax' | 'insurance' | 'social_security' | 'civil_affairs';

export interface InfoRecord {
  id: string;
  caseId: string;
  partyId: string;
  requestId: string;
  channel: ChannelId;
  kind: InfoKind;
  summary: string;
  /** amount when the record has one (tax paid, premium, monthly contribution base) */
  amount?: Fen;
  foundAt: string;
}

/** What one answered request yields, normalised from the agency's own format. */
export interface Findings {
  assets: Omit<Asset, 'id' | 'caseId' | 'partyId' | 'requestId' | 'channel' | 'foundAt'>[];
  whereabouts: Omit<Whereabouts, 'id' | 'caseId' | 'partyId' | 'requestId' | 'channel' | 'foundAt'>[];
  info: Omit<InfoRecord, 'id' | 'caseId' | 'partyId' | 'requestId' | 'channel' | 'foundAt'>[];
}

export interface AssetTotals {
  kind: AssetKind;
  count: number;
  value: Fen;
}

export interface CaseQueryView {
  caseId: string;
  requests: ChannelRequest[];
  assets: Asset[];
  whereabouts: Whereabouts[];
  info: InfoRecord[];
  totals: AssetTotals[];
  lastQueriedAt?: string;
}

export interface NetworkStatus {
  online: boolean;
  /** 'sandbox' when the embedded simulation is the gateway */
  network: 'sandbox' | 'gateway';
  gatewayUrl: string;
  checkedAt: string;
  error?: string;
  /** offline because the gateway's certificate could not be verified: no outage, waiting will not cure it */
  certificate?: boolean;
}

export interface AuditEntry {
  seq: number;
  at: string;
  officer: string;
  action: string;
  caseNumber?: string;
  subject?: string;
  legalBasis?: string;
  detail: string;
  hash: string;
}
