/**
 * The audit log as officers may see it: a case's trail for whoever may read the case; across the
 * bureau, by officer and by action, for a chief or the director; otherwise the officer's own acts
 * (docs/authority.md, act audit.bureau). Verification walks the chain and checks it against the
 * checkpoints the gateway acknowledged (docs/audit.md).
 */
import { permits } from '../../../shared/authority/matrix';
import { checkpointClient } from '../audit-anchor';
import { verifyAudit } from '../audit-verify';
import { recordRefusal } from '../authority';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';

export function auditHandlers(d: Pick<Deps, 'client'>): FeatureHandlers<'audit'> {
  return {
    list: ({ caseId, officer: who, action, offset, limit }, ctx) => {
      const page = { ...(action ? { action } : {}), ...(offset ? { offset } : {}), ...(limit ? { limit } : {}) };
      if (caseId) return ctx.store.audit.list({ caseId, ...(who ? { officer: who } : {}), ...page });
      const bureau = permits('audit.bureau', ctx.officer.role, 'none');
      if (bureau.ok) return ctx.store.audit.list({ ...(who ? { officer: who } : {}), ...page });
      // another officer's acts across the bureau: refused, with the reason, and recorded
      if (who && who !== ctx.officer.code) throw recordRefusal(ctx, 'audit.list', 'audit.bureau', bureau);
      return ctx.store.audit.list({ officer: ctx.officer.code, ...page });
    },
    verify: (_input, { store }) => verifyAudit(store, checkpointClient(d.client)),
  };
}
