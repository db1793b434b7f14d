/**
 * The audit view's state (docs/audit.md, "Reading the view"): the filters (case number, officer,
 * action), the page of entries shown, newest first, and the last verification. A case number is
 * looked up among the cases the officer may read; main decides what each officer may list.
 */
import type { AppError } from '../../../../shared/errors';
import type { AuditVerification } from '../../../../shared/domain/audit';
import type { AuditEntry } from '../../../../shared/domain/types';
import { parseCaseNumber } from '../../../../shared/ids/case-number';
import { api } from '../api-holder';
import type { SliceCreator } from '../types';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  caseNumber: string;
  officer: string;
  /** an action code or its prefix ('measure' matches 'measure.freeze.executed'); '' = all */
  action: string;
}

export interface AuditData {
  auditFilter: AuditFilter;
  /** 0-based page of the list shown */
  auditPage: number;
  auditEntries: AuditEntry[] | null;
  auditHasMore: boolean;
  auditLoading: boolean;
  auditError: AppError | { zh: string; en: string } | null;
  /** the case number given is no case the officer may read */
  auditNoCase: boolean;
  auditVerification: AuditVerification | null;
  auditVerifying: boolean;
  auditVerifyError: AppError | null;
}

export interface AuditSlice extends AuditData {
  setAuditFilter(patch: Partial<AuditFilter>): void;
  /** the page of entries under the current filters */
  loadAudit(page?: number): Promise<void>;
  verifyAudit(): Promise<void>;
  clearAudit(): void;
}

export const auditInitial: AuditData = {
  auditFilter: { caseNumber: '', officer: '', action: '' },
  auditPage: 0,
  auditEntries: null,
  auditHasMore: false,
  auditLoading: false,
  auditError: null,
  auditNoCase: false,
  auditVerification: null,
  auditVerifying: false,
  auditVerifyError: null,
};

export const createAuditSlice: SliceCreator<AuditSlice> = (set, get) => {
  let seq = 0;

  /** The id of the case with this number, among those the officer may read; null when there is none. */
  async function caseIdOf(text: string): Promise<{ ok: true; caseId: string | null } | { ok: false; error: AuditData['auditError'] }> {
    const n = parseCaseNumber(text);
    if (!n.ok) return { ok: false, error: n.error };
    const r = await api().cases.list({ search: n.value.text, status: 'all', limit: 20 });
    if (!r.ok) return { ok: false, error: r.error };
    return { ok: true, caseId: r.value.items.find((c) => c.number === n.value.text)?.id ?? null };
  }

  return {
    ...auditInitial,

    setAuditFilter(patch) {
      set({ auditFilter: { ...get().auditFilter, ...patch } });
    },

    async loadAudit(page = 0) {
      const mine = ++seq;
      const f = get().auditFilter;
      set({ auditLoading: true, auditError: null, auditNoCase: false });
      let caseId: string | undefined;
      if (f.caseNumber.trim()) {
        const c = await caseIdOf(f.caseNumber);
        if (mine !== seq) return;
        if (!c.ok) return set({ auditLoading: false, auditError: c.error });
        if (c.caseId === null) return set({ auditLoading: false, auditNoCase: true, auditEntries: [], auditHasMore: false, auditPage: 0 });
        caseId = c.caseId;
      }
      const officer = f.officer.trim();
      // one more than a page: whether an older page exists
      const r = await api().audit.list({
        ...(caseId ? { caseId } : {}), ...(officer ? { officer } : {}), ...(f.action ? { action: f.action } : {}),
        offset: page * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE + 1,
      });
      if (mine !== seq) return;
      if (!r.ok) return set({ auditLoading: false, auditError: r.error });
      set({ auditLoading: false, auditEntries: r.value.slice(0, AUDIT_PAGE_SIZE), auditHasMore: r.value.length > AUDIT_PAGE_SIZE, auditPage: page });
    },

    async verifyAudit() {
      set({ auditVerifying: true, auditVerifyError: null });
      const r = await api().audit.verify({});
      if (r.ok) set({ auditVerifying: false, auditVerification: r.value });
      else set({ auditVerifying: false, auditVerifyError: r.error });
    },

    clearAudit() {
      seq++;
      set({ ...auditInitial });
    },
  };
};
