/**
 * The audit log (docs/domain.md rule 15; docs/audit.md): who did what, for which case, on which basis,
 * newest first, a page at a time, found by case number, by officer and by action; and 核验, which
 * walks the chain and checks it against the checkpoints the gateway acknowledged. A chief or the
 * director sees the bureau; anyone else his own acts, or the whole trail of a case he may read.
 */
import type { FormEvent } from 'react';
import { permits } from '../../../../shared/authority/matrix';
import { errorText, sayText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { TextField } from '../../ui/TextField.dom';
import { DeskBack } from '../shell/DeskBack.dom';
import { AuditTable } from './AuditTable.dom';
import { VerifyResult } from './VerifyResult.dom';

/** The actions offered in the filter: a code matches itself and its sub-actions. */
export const AUDIT_ACTIONS = [
  'case', 'case.read', 'case.search', 'query', 'measure', 'document', 'document.voided', 'reminder', 'settings', 'settings.courtAccounts', 'authority.refused', 'session', 'store',
] as const;

export function AuditView() {
  const { t, lang } = useT();
  const role = useAppStore((s) => s.officer?.role);
  const filter = useAppStore((s) => s.auditFilter);
  const setFilter = useAppStore((s) => s.setAuditFilter);
  const load = useAppStore((s) => s.loadAudit);
  const entries = useAppStore((s) => s.auditEntries);
  const page = useAppStore((s) => s.auditPage);
  const hasMore = useAppStore((s) => s.auditHasMore);
  const loading = useAppStore((s) => s.auditLoading);
  const error = useAppStore((s) => s.auditError);
  const noCase = useAppStore((s) => s.auditNoCase);
  const verification = useAppStore((s) => s.auditVerification);
  const verifying = useAppStore((s) => s.auditVerifying);
  const verifyError = useAppStore((s) => s.auditVerifyError);
  const verify = useAppStore((s) => s.verifyAudit);
  const bureau = role !== undefined && permits('audit.bureau', role, 'none').ok;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(0);
  };

  return (
    <main className="page desk-page" data-testid="audit-view">
      <div className="toolbar">
        <DeskBack />
        <h1>{t.audit.title}</h1>
        <span className="toolbar-spacer" />
        <button type="button" className="btn btn-primary" data-testid="audit-verify" title={t.audit.verifyTitle} disabled={verifying} onClick={() => void verify()}>
          {verifying ? t.audit.verifying : t.audit.verify}
        </button>
      </div>
      {verification && <VerifyResult v={verification} />}
      {verifyError && (
        <p className="field-error" role="alert" data-testid="audit-verify-error">
          {errorText(verifyError, lang)}
        </p>
      )}
      <form className="audit-filters" data-testid="audit-filters" onSubmit={submit}>
        <TextField id="audit-case" testId="audit-filter-case" label={t.audit.caseNumber} placeholder={t.audit.caseNumberPlaceholder}
          value={filter.caseNumber} onChange={(caseNumber) => setFilter({ caseNumber })} maxLength={40} />
        {bureau && (
          <TextField id="audit-officer" testId="audit-filter-officer" label={t.audit.officer} placeholder={t.audit.officerPlaceholder}
            value={filter.officer} onChange={(officer) => setFilter({ officer })} maxLength={32} />
        )}
        <div className="field">
          <label htmlFor="audit-action">{t.audit.action}</label>
          <select id="audit-action" data-testid="audit-filter-action" value={filter.action} onChange={(e) => {
            // the action applies as soon as it is chosen
            setFilter({ action: e.target.value });
            void load(0);
          }}>
            <option value="">{t.audit.anyAction}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>{t.audit.actions[a] ?? a}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn" data-testid="audit-search">{t.audit.search}</button>
        <button type="button" className="btn btn-quiet" data-testid="audit-clear"
          onClick={() => { setFilter({ caseNumber: '', officer: '', action: '' }); void load(0); }}>
          {t.audit.clear}
        </button>
      </form>
      {!bureau && <p className="muted small" data-testid="audit-own-only">{t.audit.ownOnly}</p>}
      {error && (
        <p className="field-error" role="alert" data-testid="audit-error">
          {sayText(error, lang)}
        </p>
      )}
      {noCase && <p className="empty" data-testid="audit-no-case">{t.audit.noCase}</p>}
      {!noCase && entries && entries.length === 0 && <p className="empty" data-testid="audit-empty">{t.audit.empty}</p>}
      {entries === null && loading && <p className="muted">{t.audit.loading}</p>}
      {entries && entries.length > 0 && <AuditTable entries={entries} />}
      {entries && (page > 0 || hasMore) && (
        <div className="toolbar" data-testid="audit-pager">
          <button type="button" className="btn btn-small" data-testid="audit-newer" disabled={page === 0 || loading} onClick={() => void load(page - 1)}>
            {t.audit.newer}
          </button>
          <span className="muted small" data-testid="audit-page">{t.audit.page(page + 1)}</span>
          <button type="button" className="btn btn-small" data-testid="audit-older" disabled={!hasMore || loading} onClick={() => void load(page + 1)}>
            {t.audit.older}
          </button>
        </div>
      )}
    </main>
  );
}
