/**
 * The audit log as officers may see it: a case's trail for whoever may read the case; across the
 * bureau for a chief or the director; otherwise the officer's own acts.
 */
import { permits } from '../../../shared/authority/matrix';
import type { FeatureHandlers } from '../context';

export function auditHandlers(): FeatureHandlers<'audit'> {
  return {
    list: ({ caseId, limit }, { store, officer }) => {
      if (caseId) return store.audit.list({ caseId, limit });
      const all = permits('audit.bureau', officer.role, 'none').ok;
      return store.audit.list({ limit, ...(all ? {} : { officer: officer.code }) });
    },
    verify: (_input, { store }) => store.audit.verify(),
  };
}
