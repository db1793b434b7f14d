/**
 * The truth the sandbox's agencies hold about each subject. Money is integer fen; civil dates
 * 'YYYY-MM-DD'; instants ISO-8601 (UTC). Each channel's formatter renders a slice of this in its
 * agency's own feedback format; `/sandbox/v1/subjects/:idNumber` serves it to tests and trainers.
 */
import type { CaseClosing } from '../../../shared/domain/types';
import type { Fen } from '../../../shared/money';
import type { PfWithdrawalCondition } from '../../../shared/rules/exempt';

export type BankChannel = 'bank.icbc' | 'bank.ccb' | 'bank.abc' | 'bank.boc' | 'bank.bocom' | 'bank.cmb' | 'bank.gyb';
export type FundsChannel = 'funds.alipay' | 'funds.tenpay';

/** Another court's earlier measure on an asset (an amount for money, none for a seal). */
export interface OtherFreeze {
  court: string;
  caseNumber: string;
  amount?: Fen;
  /** last day the measure holds */
  until: string;
}

export type BankAccountType = 'savings' | 'time' | 'corporate';

export interface BankAccount {
  bank: BankChannel;
  accountNo: string;
  /** full name of the opening branch */
  branch: string;
  type: BankAccountType;
  openedOn: string;
  balance: Fen;
  freezes: OtherFreeze[];
}

export interface OnlineFundsAccount {
  platform: FundsChannel;
  /** platform user id (2088… for Alipay, wxid-like for Tenpay) */
  accountId: string;
  /** masked login (phone) as the platform shows it */
  login: string;
  balance: Fen;
  freezes: OtherFreeze[];
}

export interface SecuritiesHolding {
  /** 证券账户 (A-share account) */
  account: string;
  custodian: string;
  code: string;
  name: string;
  shares: number;
  /** previous close per share, fen */
  prevClose: Fen;
}

export interface WealthProduct {
  issuer: string;
  /** registration code on the national wealth-management registry */
  regCode: string;
  productName: string;
  holderAccount: string;
  value: Fen;
  maturesOn: string;
}

export interface RealEstate {
  certificate: string;
  /** 不动产单元号, 28 characters */
  unitNumber: string;
  address: string;
  /** floor area in 0.01 m² (integer, as the registry keeps two decimals) */
  areaCentiM2: number;
  usage: string;
  ownership: '单独所有' | '共同共有' | '按份共有';
  registeredOn: string;
  seals: OtherFreeze[];
}

export interface Vehicle {
  plate: string;
  /** 号牌种类 by its GA 24.7 name */
  plateType: '小型汽车' | '小型新能源汽车';
  brand: string;
  model: string;
  color: string;
  vin: string;
  registeredOn: string;
  seals: OtherFreeze[];
}

export interface EquityStake {
  companyName: string;
  companyCode: string;
  /** subscribed contribution (认缴出资额), fen */
  contribution: Fen;
  /** share in basis points (1% = 100) */
  shareBp: number;
  freezes: OtherFreeze[];
}

export interface ProvidentFund {
  accountNo: string;
  center: string;
  employer: string;
  balance: Fen;
  monthlyDeposit: Fen;
  status: '正常' | '封存';
  /** the withdrawal condition he meets (住房公积金管理条例 第二十四条); absent: none, so no deduction */
  withdrawal?: PfWithdrawalCondition;
}

export interface TaxRecord {
  year: number;
  taxType: string;
  paid: Fen;
  office: string;
}

export interface InsurancePolicy {
  insurer: string;
  policyNo: string;
  product: string;
  annualPremium: Fen;
  cashValue: Fen;
  effectiveOn: string;
}

export interface SocialSecurityRecord {
  insurance: string;
  employer: string;
  base: Fen;
  status: '参保缴费' | '暂停缴费' | '终止参保';
  since: string; // YYYY-MM
}

export interface MarriageRecord {
  type: '结婚登记' | '离婚登记';
  date: string;
  office: string;
  spouseName: string;
  spouseIdNumber: string;
}

export interface HouseholdRecord {
  address: string;
  policeStation: string;
  registeredOn: string;
}

export interface BorderCrossing {
  direction: '出境' | '入境';
  at: string;
  port: string;
  /** destination or origin country/region */
  place: string;
  document: string;
}

export interface HotelStay {
  hotel: string;
  city: string;
  address: string;
  room: string;
  checkIn: string;
  checkOut: string;
}

export interface Holdings {
  bankAccounts: BankAccount[];
  onlineFunds: OnlineFundsAccount[];
  securities: SecuritiesHolding[];
  wealth: WealthProduct[];
  realEstate: RealEstate[];
  vehicles: Vehicle[];
  equity: EquityStake[];
  providentFund: ProvidentFund[];
  tax: TaxRecord[];
  insurance: InsurancePolicy[];
  socialSecurity: SocialSecurityRecord[];
  marriages: MarriageRecord[];
  household?: HouseholdRecord;
  crossings: BorderCrossing[];
  hotelStays: HotelStay[];
}

export type WealthTier = 'none' | 'modest' | 'comfortable' | 'rich';

export interface PersonSubject {
  kind: 'person';
  name: string;
  idNumber: string;
  sex: 'M' | 'F';
  birthDate: string;
  regionCode: string;
  tier: WealthTier;
  holdings: Holdings;
}

export interface CompanySubject {
  kind: 'company';
  name: string;
  idNumber: string;
  regionCode: string;
  address: string;
  legalRepresentative: { name: string; idNumber: string };
  registeredCapital: Fen;
  tier: WealthTier;
  holdings: Holdings;
}

export type Subject = PersonSubject | CompanySubject;

export interface DocketParty {
  kind: 'person' | 'company';
  name: string;
  idNumber: string;
  /** 住所: a person's registered domicile, a company's seat */
  address?: string;
  /** a company's 法定代表人 and his 职务 */
  legalRepresentative?: { name: string; title?: string };
}

export interface DocketCase {
  number: string;
  filedOn: string;
  cause: string;
  amountOwed: Fen;
  costs: Fen;
  applicant: DocketParty;
  debtors: DocketParty[];
  /** 承办人: the judge the case-management system assigned */
  assignee: string;
  /** 履行期限届满日 the judgment set, and the money debt late-performance interest accrues on (both or neither) */
  performanceDueOn?: string;
  interestPrincipal?: Fen;
  /** 执恢: the 终本 case this one resumes */
  resumedFrom?: string;
  /** a case the system holds as closed (the closing history): the CST day and the way */
  closedOn?: string;
  closing?: CaseClosing;
}

export interface Population {
  seed: number;
  persons: PersonSubject[];
  companies: CompanySubject[];
  /** by ID number or credit code */
  byId: Map<string, Subject>;
  /** the demo court's enforcement docket */
  docket: DocketCase[];
}
