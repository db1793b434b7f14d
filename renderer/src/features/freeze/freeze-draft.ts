/**
 * The freeze the judge is putting together, checked as it is typed with the same rules main applies
 * again on sending (shared/rules): the cap (docs/domain.md rule 1, 查扣冻规定 art. 19), each asset's
 * available balance, the recorded reason for an indivisible asset above the cap, and the legal end
 * date (docs/domain.md rule 2, 民诉法解释 第485条). Pure: plan and draft in, verdict out.
 */
import type { CallInput } from '../../../../shared/ipc/contract';
import type { FreezeCandidate, FreezePlan } from '../../../../shared/domain/measure-views';
import type { AssetKind } from '../../../../shared/domain/types';
import { parseIsoDate, type IsoDate } from '../../../../shared/dates';
import { readDateText } from '../../ui/date-input';
import { fenToYuanString, parseYuan, type Fen } from '../../../../shared/money';
import {
  availableOf, checkEndDate, checkFreezeSet, periodCapYears,
  type CapViolation, type CapWarning, type FreezeItem, type FreezeSetCheck, type LivingAllowance, type RuleViolation,
} from '../../../../shared/rules';
import type { AppError } from '../../../../shared/errors';

export interface DraftItem {
  assetId: string;
  /** what the judge typed, in 元 (divisible assets only) */
  amountText: string;
  endsOn: string;
  /** why an indivisible asset is sealed above the cap */
  reason: string;
}

/** Ticked assets by id. */
export type FreezeDraft = Record<string, DraftItem>;

export type Wording = { zh: string; en: string };

export interface ItemEval {
  candidate: FreezeCandidate;
  item: DraftItem;
  /** divisible assets: the parsed amount */
  amount?: Fen;
  amountError?: AppError | Wording;
  endsError?: Wording;
  /** the cap rules' refusals for this asset */
  violations: CapViolation[];
  warnings: CapWarning[];
  /** an indivisible asset that takes the set above the cap: a reason must be recorded */
  needsReason: boolean;
}

export interface DraftEval {
  items: ItemEval[];
  check: FreezeSetCheck;
  /** counted value of this set alone */
  thisSet: Fen;
  ok: boolean;
  /** the first thing that stops sending, in the judge's words */
  blocker: Wording | AppError | null;
  /** what measures.freeze receives, when ok */
  request: CallInput<'measures', 'freeze'>['items'] | null;
}

export const NOTHING_CHOSEN: Wording = { zh: '请勾选要冻结的财产', en: 'Tick the assets to freeze' };
export const AMOUNT_REQUIRED: Wording = { zh: '请填写冻结金额', en: 'Enter the amount to freeze' };
export const DATE_REQUIRED: Wording = { zh: '请填写冻结截止日期', en: 'Enter the end date of the freeze' };

/** The end date's verdict, in the rule's own wording. */
export function checkItemEndDate(today: IsoDate, c: FreezeCandidate, endsOn: string): Wording | undefined {
  if (!endsOn.trim()) return DATE_REQUIRED;
  const parsed = readDateText(endsOn);
  if (!parsed.ok) return { zh: parsed.zh, en: parsed.en };
  // 2027/3/10 reads as a date, and becomes 2027-03-10 once the field is left (ui/DateField.dom.tsx)
  if (parsed.value !== endsOn) return { zh: `请按 年-月-日 填写：${parsed.value}`, en: `Write the date as YYYY-MM-DD: ${parsed.value}` };
  const r = checkEndDate(today, parsed.value, c.asset.kind);
  if (!r.ok) return { zh: r.zh, en: r.en };
  // main's date wins should today differ between renderer and main around midnight
  if (parsed.value > c.maxEndDate) {
    return { zh: `冻结期限最迟至 ${c.maxEndDate}`, en: `The freeze may last until ${c.maxEndDate} at the latest` };
  }
  return undefined;
}

export const yuanText = (f: Fen): string => fenToYuanString(f, false);

function parseAmount(text: string): { amount?: Fen; error?: AppError | Wording } {
  if (!text.trim()) return { error: AMOUNT_REQUIRED };
  const r = parseYuan(text);
  if (!r.ok) return { error: r.error };
  if (r.value < 0) return { error: { zh: '冻结金额须大于零', en: 'The amount to freeze must be above zero' } };
  return { amount: r.value };
}

function candidatesOf(plan: FreezePlan): Map<string, FreezeCandidate> {
  return new Map(plan.candidates.map((c) => [c.asset.id, c]));
}

export interface EvalOptions {
  exemptLivingAllowance?: LivingAllowance;
}

/** Checks the whole draft, items in the plan's order (the order the rules take indivisible assets in). */
export function evaluateDraft(plan: FreezePlan, draft: FreezeDraft, opts: EvalOptions = {}): DraftEval {
  const chosen = plan.candidates.filter((c) => draft[c.asset.id]);
  const parsed = chosen.map((c) => {
    const item = draft[c.asset.id]!;
    const e: ItemEval = { candidate: c, item, violations: [], warnings: [], needsReason: false };
    if (!c.indivisible) {
      const a = parseAmount(item.amountText);
      if (a.error) e.amountError = a.error;
      else e.amount = a.amount;
    }
    const ends = checkItemEndDate(plan.today, c, item.endsOn);
    if (ends) e.endsError = ends;
    return e;
  });

  // Items whose amount cannot be read stay out of the cap check (they block sending anyway).
  const forCheck = parsed.filter((e) => !e.amountError);
  const setItems: FreezeItem[] = forCheck.map((e) => (e.candidate.indivisible ? { asset: e.candidate.asset } : { asset: e.candidate.asset, amount: e.amount! }));
  const reasons = Object.fromEntries(forCheck.filter((e) => e.item.reason.trim()).map((e) => [e.candidate.asset.id, e.item.reason.trim()]));
  // living costs are counted over every deposit account the query found, as main counts them
  const knownDeposits = plan.candidates.filter((c) => c.asset.kind === 'deposit').map((c) => ({ asset: c.asset, frozenByCase: c.frozenByCase ?? 0 }));
  const setOpts = opts.exemptLivingAllowance !== undefined ? { exemptLivingAllowance: opts.exemptLivingAllowance, knownDeposits } : {};
  const check = checkFreezeSet(plan.cap, plan.alreadyFrozen, setItems, { ...setOpts, reasons });
  // Without the reasons: which indivisible assets need one (the textarea stays while it is needed).
  const bare = Object.keys(reasons).length ? checkFreezeSet(plan.cap, plan.alreadyFrozen, setItems, setOpts) : check;
  const needing = new Set(bare.violations.filter((v) => v.code === 'INDIVISIBLE_OVER_CAP_NEEDS_REASON').map((v) => v.assetId));

  for (const e of parsed) {
    const id = e.candidate.asset.id;
    e.violations = check.violations.filter((v) => v.assetId === id);
    e.warnings = check.warnings.filter((w) => w.assetId === id);
    e.needsReason = needing.has(id);
  }

  let blocker: DraftEval['blocker'] = null;
  if (parsed.length === 0) blocker = NOTHING_CHOSEN;
  for (const e of parsed) {
    if (blocker) break;
    blocker = e.amountError ?? e.endsError ?? e.violations[0] ?? null;
  }
  if (!blocker && check.violations[0]) blocker = check.violations[0];

  const ok = blocker === null;
  const request = ok
    ? parsed.map((e) => {
      const base = { assetId: e.candidate.asset.id, endsOn: e.item.endsOn };
      if (e.candidate.indivisible) return e.item.reason.trim() ? { ...base, overCapReason: e.item.reason.trim() } : base;
      return { ...base, amount: e.amount! };
    })
    : null;
  return { items: parsed, check, thisSet: Math.max(0, check.total - plan.alreadyFrozen), ok, blocker, request };
}

/**
 * A newly ticked asset: the suggestion's amount when it has one, else what is available on it but
 * no more than what remains of the cap after what is already ticked; the legal maximum end date.
 */
export function defaultItem(plan: FreezePlan, draft: FreezeDraft, assetId: string, opts: EvalOptions = {}): DraftItem | null {
  const c = candidatesOf(plan).get(assetId);
  if (!c || !c.freezable) return null;
  const base: DraftItem = { assetId, amountText: '', endsOn: c.maxEndDate, reason: '' };
  if (c.indivisible) return base;
  const suggested = plan.suggestion.items.find((i) => i.assetId === assetId)?.amount;
  const remaining = evaluateDraft(plan, draft, opts).check.remaining;
  const available = availableOf(c.asset);
  let amount = Math.min(suggested ?? available ?? remaining, remaining);
  // the cap is already reached: show what is there, and let the rule say why it cannot be frozen
  if (amount <= 0) amount = available ?? 0;
  return { ...base, amountText: yuanText(amount) };
}

/** "建议方案": the suggestion's items, with the legal maximum end dates. */
export function suggestionDraft(plan: FreezePlan): FreezeDraft {
  const byId = candidatesOf(plan);
  const out: FreezeDraft = {};
  for (const s of plan.suggestion.items) {
    const c = byId.get(s.assetId);
    if (!c || !c.freezable) continue;
    out[s.assetId] = { assetId: s.assetId, amountText: c.indivisible || s.amount === undefined ? '' : yuanText(s.amount), endsOn: c.maxEndDate, reason: '' };
  }
  return out;
}

/** The request's item index → asset id, to put main's refusal (field "items.N…") by its item. */
export function itemIndexFromField(field: string | undefined): number | null {
  const m = /^items\.(\d+)/.exec(field ?? '');
  return m ? Number(m[1]) : null;
}

export function isWording(x: unknown): x is RuleViolation | Wording {
  return typeof x === 'object' && x !== null && 'zh' in x && 'en' in x;
}
