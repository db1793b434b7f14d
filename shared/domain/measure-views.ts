/** What the freeze, deduction, renewal and settings panels receive from main. */
import type { Fen } from '../money';
import type { Asset, AssetKind } from './types';
import type { SkipReason } from '../rules/cap';
import type { Measure, FreezeView } from './measures';
import type { LivingAllowanceBasis, OnlyHomeFlag } from '../rules/exempt';

export interface CourtAccount {
  id: string;
  /** 开户行 */
  bank: string;
  accountNo: string;
  /** 户名, e.g. 贵阳市云岩区人民法院 */
  name: string;
}

export interface BureauSettings {
  /** deductions above this need a division chief's approval before they are sent */
  approvalThreshold: Fen;
  /** reminder days before a freeze lapses */
  reminderDays: number[];
  courtAccounts: CourtAccount[];
  /** living costs left to a person debtor, per person (he and each dependant) per month (docs/domain.md rule 5) */
  exemptLivingAllowance: Fen;
  /** how many months of living costs are left (docs/domain.md rule 5) */
  exemptLivingMonths: number;
  /** how fresh the frozen balance must be before deducting (docs/domain.md rule 6) */
  balanceMaxAgeMinutes: number;
  /** a dishonest listing is removed within this many working days of payment or correction (docs/domain.md rule 8) */
  creditRemovalWorkingDays: number;
}

/**
 * A change of the court's receiving accounts waiting for a second chief or the director
 * (docs/authority.md, "Four eyes on the court's accounts").
 */
export interface CourtAccountProposal {
  id: string;
  accounts: CourtAccount[];
  /** the accounts in force when it was proposed */
  previous: CourtAccount[];
  reason: string;
  /** officer code */
  proposedBy: string;
  proposedAt: string;
  status: 'pending' | 'confirmed' | 'rejected' | 'superseded';
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
}

export interface FreezeCandidate {
  asset: Asset;
  /** the channel executes freezes online and the asset has something to freeze */
  freezable: boolean;
  notFreezableReason?: { zh: string; en: string };
  /** real estate, vehicles, equity: frozen (sealed) whole */
  indivisible: boolean;
  /** the latest end date the law allows for a freeze starting today (docs/domain.md rule 2) */
  maxEndDate: string;
  /** other courts' freezes already on it: a new freeze would wait behind them (轮候) */
  freezesAhead: number;
  /** what this case holds frozen on it now: counted when living costs are left (docs/domain.md rule 5) */
  frozenByCase: Fen;
  /** the suggestion leaves the debtor's living costs on this account: how much, and why (docs/domain.md rule 5) */
  livingCostsLeft?: { amount: Fen; zh: string; en: string };
  /** real estate: the debtor's only home — sealed, never proposed for sale (docs/domain.md rule 5) */
  onlyHome?: OnlyHomeFlag;
  /** provident fund: whether it may be deducted once frozen (住房公积金管理条例 第二十四条) */
  deductible?: { ok: boolean; zh: string; en: string };
}

/** What a person debtor keeps to live on in this case (docs/domain.md rule 5). */
export interface DebtorLivingCosts {
  partyId: string;
  basis: LivingAllowanceBasis;
  /** per person per month × (debtor + dependants) × months */
  allowance: Fen;
  /** "每人每月¥900.00 × 2人 × 3个月" */
  formula: { zh: string; en: string };
  /** who recorded the dependants, when; absent while none were recorded */
  recordedBy?: string;
  recordedAt?: string;
}

/** The case's exempt property as the workspace shows it on the parties and the assets. */
export interface CaseExemptions {
  caseId: string;
  debtors: DebtorLivingCosts[];
  /** flats flagged (or cleared) as a debtor's only home, by asset id */
  onlyHomes: { assetId: string; flag: OnlyHomeFlag }[];
}

export interface FreezePlan {
  caseId: string;
  today: string;
  /** outstanding amount plus enforcement costs plus late-performance interest (docs/domain.md rule 1; shared/rules/cap.ts freezeCap) */
  cap: Fen;
  /** the late-performance interest the cap includes, as of `today` (absent: the case gives no 履行期限届满日) */
  lateInterest?: { amount: Fen; from: string; days: number };
  alreadyFrozen: Fen;
  remaining: Fen;
  candidates: FreezeCandidate[];
  suggestion: {
    items: { assetId: string; amount?: Fen }[];
    total: Fen;
    reachesCap: boolean;
    /** each freezable asset the suggestion leaves out, and why (shared/rules/cap.ts SkipReason) */
    skipped: { assetId: string; reason: SkipReason }[];
  };
  /** each person debtor's living allowance and how it is made up: the freeze panel checks with it (docs/domain.md rule 5) */
  livingCosts: DebtorLivingCosts[];
  /**
   * what the plan proposes after sealing: real estate and vehicles are sold by auction offline; an
   * only home is never proposed for sale (查扣冻规定 第四条), and says why
   */
  disposals: { assetId: string; proposed: boolean; zh: string; en: string }[];
}

export interface CaseMeasures {
  caseId: string;
  measures: Measure[];
  freezes: FreezeView[];
  /** releases the program proposes: paid in full, or more frozen than still owed */
  releaseProposals: { freezeId: string; amount?: Fen; reason: { zh: string; en: string } }[];
}

export interface DeductionPrep {
  freezeId: string;
  caseId: string;
  /** re-queried just now from the agency (docs/domain.md rule 6); offline: the last balance known */
  frozenNow: Fen;
  checkedAt: string;
  /**
   * the program's time when main prepared this (in sandbox mode the sandbox's clock): the form
   * measures the balance's age against it, not against the window's own clock
   */
  preparedAt: string;
  /**
   * false when the network is down and frozenNow is the last known balance: a deduction prepared
   * on it waits in the outbox as a draft and is re-confirmed on a fresh balance before it goes
   */
  fresh: boolean;
  outstanding: Fen;
  suggested: Fen;
  approvalThreshold: Fen;
  courtAccounts: CourtAccount[];
}

export interface ReminderView {
  key: string;
  /**
   * renewal (absent): renew the freeze before it ends; preservation: in a 执保 case, remind the
   * applicant to ask for 续行保全 before the 保全期限届满日 (docs/domain.md rule 2)
   */
  kind?: 'preservation';
  /** the measure that set the current end date (the freeze, or its latest renewal) */
  measureId: string;
  /** the freeze to renew */
  freezeId: string;
  caseId: string;
  caseNumber: string;
  /** the debtor whose asset it is, as the case names him */
  debtor: string;
  assetKind: AssetKind;
  assetDescription: string;
  endsOn: string;
  daysBefore: number;
  dueOn: string;
  /** due earlier and not yet delivered: shown again */
  missed: boolean;
  /** the period a renewal decided now carries (shared/rules/periods.ts renewalPeriod) */
  renewal: { start: string; end: string };
  /** what the freeze holds now (fen; 0 for an asset sealed whole) */
  frozen: Fen;
}

export interface ExpiryDay {
  date: string;
  freezes: (FreezeView & { caseNumber: string })[];
}
