/**
 * What 核验 found, in the judge's words (docs/audit.md, "Reading the view"): the log intact and how
 * far the gateway acknowledged it, or each problem with its entry; and whether the gateway's own
 * book could be compared at all.
 */
import type { AuditVerification } from '../../../../shared/domain/audit';
import { sayText } from '../../i18n/dict';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';

export function VerifyResult({ v }: { v: AuditVerification }) {
  const { t, lang } = useT();
  const pending = v.anchoredThrough !== undefined ? v.entries - v.anchoredThrough : 0;
  return (
    <div className={`verify-result ${v.ok ? 'verify-ok' : 'verify-bad'}`} role="status" data-testid="audit-verify-result" data-ok={v.ok}>
      {v.ok ? (
        <p data-testid="audit-verify-summary">
          {t.audit.intact(v.entries)}
          {v.anchoredThrough !== undefined ? (
            <>
              <strong data-testid="audit-anchored">{t.audit.anchored(v.anchoredThrough)}</strong>
              {v.lastAnchorAt && t.audit.anchoredAt(formatWhen(v.lastAnchorAt))}
              {lang === 'zh' ? '。' : '. '}
              {pending > 0 && t.audit.pending(pending)}
            </>
          ) : (
            t.audit.notAnchored
          )}
        </p>
      ) : (
        <>
          <p data-testid="audit-verify-summary">{t.audit.broken(v.problems.length)}</p>
          <ul className="verify-problems">
            {v.problems.map((p) => (
              <li key={`${p.code}-${p.seq ?? ''}`} data-testid={`audit-problem-${p.code}`} data-seq={p.seq}>
                {sayText(p, lang)}
                <span className="muted small mono"> {p.code}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {!v.gatewayChecked && (
        <p className="muted small" data-testid="audit-verify-offline">
          {t.audit.offline}
        </p>
      )}
    </div>
  );
}
