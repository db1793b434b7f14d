/**
 * Measures of the open case: the freeze plan (cap, already frozen, candidates, suggestion), the
 * freeze the judge is putting together, the case's measures and freezes, release and renewal, and
 * the live updates of 'measure.updated'. The rules are checked as the judge types
 * (features/freeze/freeze-draft.ts); main checks them again and its word counts.
 */
import type { AppError } from '../../../../shared/errors';
import type { CaseDocument, DocumentRef, FreezeView, Measure } from '../../../../shared/domain/measures';
import type { CaseMeasures, FreezePlan } from '../../../../shared/domain/measure-views';
import type { CallOutput } from '../../../../shared/ipc/contract';
import { todayCst } from '../../../../shared/dates';
import type { Result } from '../../../../shared/result';
import { livingAllowance, type LivingAllowance } from '../../../../shared/rules';
import {
  defaultItem, suggestionDraft, type DraftItem, type FreezeDraft,
} from '../../features/freeze/freeze-draft';
import { viewAfterUpdate } from '../../features/freeze/measure-state';
import { api } from '../api-holder';
import type { AppState, SliceCreator } from '../types';
import { newDecisionId } from '../decision-id';

export interface MeasuresData {
  measuresCaseId: string | null;
  plan: FreezePlan | null;
  planLoading: boolean;
  planError: AppError | null;
  caseMeasures: CaseMeasures | null;
  measuresError: AppError | null;
  freezeDraft: FreezeDraft;
  /** an asset row's "冻结" was pressed before the plan arrived: tick it when it does */
  freezePreselect: string | null;
  freezeSending: boolean;
  /** main's refusal of the whole set, when it names no item */
  freezeError: AppError | null;
  /** main's refusal by asset id (field "items.N…") */
  freezeItemErrors: Record<string, AppError>;
  /** how many freezes the last send put in the outbox */
  freezeSent: number | null;
  /** freeze ids with a renewal or release on its way */
  measureBusy: Record<string, true>;
  /** main's refusal of a renewal, release or cancel, by the measure it concerns */
  measureErrors: Record<string, AppError>;
  caseDocuments: CaseDocument[] | null;
}

export interface MeasuresSlice extends MeasuresData {
  resetMeasures(caseId: string | null): void;
  loadPlan(): Promise<void>;
  loadMeasures(): Promise<void>;
  loadCaseDocuments(): Promise<void>;
  /** "冻结" on an asset row: the freeze panel, with that asset ticked */
  openFreezeWith(assetId: string): void;
  toggleFreezeAsset(assetId: string, on: boolean): void;
  editFreezeItem(assetId: string, patch: Partial<Omit<DraftItem, 'assetId'>>): void;
  applySuggestion(): void;
  clearFreezeDraft(): void;
  /** a freeze went (after 确认发送, store/slices/sending.ts): plan and list are asked again */
  afterFreezeSent(): void;
  releaseFreeze(freezeId: string, reason: string, amount?: number): Promise<Result<CallOutput<'measures', 'release'>>>;
  cancelMeasure(measureId: string): Promise<Result<CallOutput<'measures', 'cancel'>>>;
  /** 'measure.updated' for the open case */
  applyCaseMeasure(m: Measure): void;
}

export const measuresInitial: MeasuresData = {
  measuresCaseId: null,
  plan: null,
  planLoading: false,
  planError: null,
  caseMeasures: null,
  measuresError: null,
  freezeDraft: {},
  freezePreselect: null,
  freezeSending: false,
  freezeError: null,
  freezeItemErrors: {},
  freezeSent: null,
  measureBusy: {},
  measureErrors: {},
  caseDocuments: null,
};

/**
 * Living costs left to each person debtor of the open case (查扣冻规定 第三条): as main's plan made them
 * up — per person per month × (debtor + dependants) × months; before a plan, from the bureau's
 * settings with no dependants.
 */
export function allowanceOf(s: Pick<AppState, 'settings' | 'currentCase' | 'plan'>): LivingAllowance | undefined {
  if (s.plan?.livingCosts?.length && s.plan.caseId === s.currentCase?.id) return Object.fromEntries(s.plan.livingCosts.map((d) => [d.partyId, d.basis]));
  const a = s.settings?.exemptLivingAllowance;
  if (a === undefined || !s.currentCase) return undefined;
  const basis = { monthlyPerPerson: a, dependants: 0, months: s.settings?.exemptLivingMonths ?? 1 };
  const persons = s.currentCase.parties.filter((p) => p.role === 'debtor' && p.kind === 'person');
  return Object.fromEntries(persons.map((p) => [p.id, livingAllowance(basis)]));
}

function evalOpts(s: AppState) {
  const a = allowanceOf(s);
  return a === undefined ? {} : { exemptLivingAllowance: a };
}

/**
 * Main's list replaces ours, except for a measure an event has updated since main answered: the
 * newer copy stays, and its freeze view follows it until the next list.
 */
export function mergeCaseMeasures(prev: CaseMeasures | null, next: CaseMeasures, today: string): CaseMeasures {
  if (!prev || prev.caseId !== next.caseId) return next;
  const newer = new Map<string, Measure>();
  for (const m of prev.measures) {
    const theirs = next.measures.find((x) => x.id === m.id);
    if (!theirs || theirs.updatedAt < m.updatedAt) newer.set(m.id, m);
  }
  if (newer.size === 0) return next;
  const measures = next.measures.map((m) => newer.get(m.id) ?? m);
  for (const m of newer.values()) if (!measures.some((x) => x.id === m.id)) measures.push(m);
  const freezes: FreezeView[] = [];
  const seen = new Set<string>();
  for (const v of next.freezes) {
    seen.add(v.measure.id);
    const mine = newer.get(v.measure.id);
    if (!mine) freezes.push(v);
    else {
      const w = viewAfterUpdate(mine, v, today);
      if (w) freezes.push(w);
    }
  }
  for (const m of newer.values()) {
    if (m.kind !== 'freeze' || seen.has(m.id)) continue;
    const w = viewAfterUpdate(m, prev.freezes.find((v) => v.measure.id === m.id), today);
    if (w) freezes.push(w);
  }
  return { ...next, measures, freezes };
}

export const createMeasuresSlice: SliceCreator<MeasuresSlice> = (set, get) => {
  let planSeq = 0;
  let listSeq = 0;
  let reloadQueued = false;
  let planQueued = false;
  const today = () => get().plan?.today ?? todayCst();

  /** Several updates in a row (a whole set sent, a burst of feedback) make one reload. */
  function scheduleReload(withPlan: boolean): void {
    planQueued ||= withPlan;
    if (reloadQueued) return;
    reloadQueued = true;
    setTimeout(() => {
      reloadQueued = false;
      const p = planQueued;
      planQueued = false;
      if (!get().measuresCaseId) return;
      void get().loadMeasures();
      void get().loadCaseDocuments();
      if (p && get().plan) void get().loadPlan();
    }, 0);
  }

  return {
    ...measuresInitial,

    resetMeasures(caseId) {
      planSeq++;
      listSeq++;
      set({ ...measuresInitial, measuresCaseId: caseId });
    },

    async loadPlan() {
      const caseId = get().measuresCaseId;
      if (!caseId) return;
      const seq = ++planSeq;
      set({ planLoading: true, planError: null });
      const r = await api().measures.plan({ caseId });
      if (seq !== planSeq || get().measuresCaseId !== caseId) return;
      if (!r.ok) {
        set({ planLoading: false, planError: r.error });
        return;
      }
      const plan = r.value;
      // ticked assets that can no longer be frozen (frozen meanwhile, gone) drop out
      const draft: FreezeDraft = {};
      for (const [id, item] of Object.entries(get().freezeDraft)) {
        if (plan.candidates.some((c) => c.asset.id === id && c.freezable)) draft[id] = item;
      }
      const pre = get().freezePreselect;
      // Nothing chosen yet and something still to secure: the panel opens on the suggested
      // allocation, so that reviewing it and pressing 一键冻结 is the whole step.
      const fresh = Object.keys(draft).length === 0 && !pre && plan.remaining > 0 && plan.suggestion.items.length > 0;
      set({ plan, planLoading: false, freezeDraft: fresh ? suggestionDraft(plan) : draft });
      if (pre) {
        set({ freezePreselect: null });
        get().toggleFreezeAsset(pre, true);
      }
    },

    async loadMeasures() {
      const caseId = get().measuresCaseId;
      if (!caseId) return;
      const seq = ++listSeq;
      const r = await api().measures.list({ caseId });
      if (seq !== listSeq || get().measuresCaseId !== caseId) return;
      if (!r.ok) {
        set({ measuresError: r.error });
        return;
      }
      set({ caseMeasures: mergeCaseMeasures(get().caseMeasures, r.value, today()), measuresError: null });
    },

    async loadCaseDocuments() {
      const caseId = get().measuresCaseId;
      if (!caseId) return;
      const r = await api().documents.list({ caseId });
      if (get().measuresCaseId !== caseId) return;
      if (r.ok) set({ caseDocuments: r.value });
    },

    openFreezeWith(assetId) {
      get().setWorkspaceTab('freeze');
      if (get().plan) get().toggleFreezeAsset(assetId, true);
      else set({ freezePreselect: assetId });
    },

    toggleFreezeAsset(assetId, on) {
      const { plan, freezeDraft } = get();
      if (!plan) return;
      const { [assetId]: had, ...rest } = freezeDraft;
      const { [assetId]: _err, ...itemErrors } = get().freezeItemErrors;
      if (!on) {
        if (had) set({ freezeDraft: rest, freezeItemErrors: itemErrors, freezeSent: null });
        return;
      }
      if (had) return;
      const item = defaultItem(plan, rest, assetId, evalOpts(get()));
      if (item) set({ freezeDraft: { ...rest, [assetId]: item }, freezeItemErrors: itemErrors, freezeSent: null, freezeError: null });
    },

    editFreezeItem(assetId, patch) {
      const had = get().freezeDraft[assetId];
      if (!had) return;
      const { [assetId]: _err, ...itemErrors } = get().freezeItemErrors;
      set({ freezeDraft: { ...get().freezeDraft, [assetId]: { ...had, ...patch } }, freezeItemErrors: itemErrors, freezeError: null });
    },

    applySuggestion() {
      const plan = get().plan;
      if (!plan) return;
      set({ freezeDraft: suggestionDraft(plan), freezeItemErrors: {}, freezeError: null, freezeSent: null });
    },

    clearFreezeDraft() {
      set({ freezeDraft: {}, freezeItemErrors: {}, freezeError: null });
    },

    afterFreezeSent() {
      // what is frozen has changed: the plan and the list are asked again
      scheduleReload(true);
    },

    async releaseFreeze(freezeId, reason, amount) {
      const { [freezeId]: _e, ...errors } = get().measureErrors;
      set({ measureBusy: { ...get().measureBusy, [freezeId]: true }, measureErrors: errors });
      const r = await api().measures.release(amount === undefined ? { freezeId, decisionId: newDecisionId(), reason } : { freezeId, decisionId: newDecisionId(), reason, amount });
      const { [freezeId]: _b, ...busy } = get().measureBusy;
      set({ measureBusy: busy });
      if (!r.ok) {
        set({ measureErrors: { ...get().measureErrors, [freezeId]: r.error } });
        return r;
      }
      get().applyMeasureUpdate(r.value.measure);
      return r;
    },

    async cancelMeasure(measureId) {
      const { [measureId]: _e, ...errors } = get().measureErrors;
      set({ measureBusy: { ...get().measureBusy, [measureId]: true }, measureErrors: errors });
      const r = await api().measures.cancel({ measureId });
      const { [measureId]: _b, ...busy } = get().measureBusy;
      set({ measureBusy: busy });
      if (!r.ok) set({ measureErrors: { ...get().measureErrors, [measureId]: r.error } });
      else get().applyMeasureUpdate(r.value.measure);
      return r;
    },

    applyCaseMeasure(m) {
      const s = get();
      if (m.caseId !== s.measuresCaseId) return;
      const cm = s.caseMeasures;
      if (cm) {
        const had = cm.measures.find((x) => x.id === m.id);
        if (had && had.updatedAt > m.updatedAt) return;
        const measures = had ? cm.measures.map((x) => (x.id === m.id ? m : x)) : [...cm.measures, m];
        let freezes = cm.freezes;
        if (m.kind === 'freeze') {
          const prev = cm.freezes.find((v) => v.measure.id === m.id);
          const next = viewAfterUpdate(m, prev, today());
          freezes = prev
            ? cm.freezes.flatMap((v) => (v.measure.id === m.id ? (next ? [next] : []) : [v]))
            : next ? [...cm.freezes, next] : cm.freezes;
        }
        set({ caseMeasures: { ...cm, measures, freezes } });
      }
      // main works out what is frozen after renewals, releases and deductions: ask again
      scheduleReload(m.state === 'executed' || m.state === 'rejected' || m.state === 'cancelled' || m.kind === 'unfreeze' || m.kind === 'freeze');
    },
  };
};
