/**
 * Case header: number, type, applicant, amounts, filing date, time limit and days left (an open case
 * only: a closed case has no time left to count); the
 * late-performance interest in the cap and, in a 执保 case, the 保全期限届满日 (docs/domain.md rules 1, 2).
 */
import { CASE_TYPE_NAMES } from '../../../../shared/ids/case-number';
import { formatYuanSymbol } from '../../../../shared/money';
import type { CaseDetail } from '../../../../shared/domain/types';
import { api } from '../../store/api-holder';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { CreditBadge } from '../credit/CreditBadge.dom';

/** Under this many days left the time limit is shown in the warning colour. */
export const DEADLINE_WARN_DAYS = 30;

export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useT();
  const d = detail.daysLeft ?? 0;
  const urgency = d < 0 ? 'overdue' : d < DEADLINE_WARN_DAYS ? 'warn' : 'ok';
  const left = d < 0 ? t.workspace.overdue(-d) : d === 0 ? t.workspace.dueToday : t.workspace.daysLeft(d);
  const type = CASE_TYPE_NAMES[detail.type];
  return (
    <header className="case-header" data-testid="case-header">
      <div className="case-title">
        <h1 className="mono" data-testid="case-header-number">
          {detail.number}
        </h1>
        <span className="badge" data-testid="case-header-type">
          {type ? type[lang] : detail.type}
        </span>
        <span className="muted">{detail.cause}</span>
        <CreditBadge caseId={detail.id} />
      </div>
      <dl className="facts">
        <Fact label={t.workspace.applicant} testId="case-header-applicant" value={detail.applicantName} />
        <Fact label={t.workspace.owed} testId="case-header-owed" value={formatYuanSymbol(detail.amountOwed)} num />
        <Fact label={t.workspace.recovered} testId="case-header-recovered" value={formatYuanSymbol(detail.recovered)} num />
        <Fact label={t.workspace.costs} testId="case-header-costs" value={formatYuanSymbol(detail.costs)} num />
        <Fact label={t.workspace.filedOn} testId="case-header-filed" value={detail.filedOn} />
        {detail.preservationEndsOn && (
          <Fact label={t.workspace.preservationEndsOn} testId="case-header-preservation-ends" value={detail.preservationEndsOn} />
        )}
        {detail.deadline && detail.status !== 'closed' && (
        <div className={`fact deadline deadline-${urgency}`} title={detail.deadlineBasis?.[lang]} data-testid="case-header-limit">
          <dt>{t.workspace.deadline}</dt>
          <dd>
            <span data-testid="case-header-deadline">{detail.deadline}</span>{' '}
            <span className="days-left" data-testid="case-days-left" data-urgency={urgency}>
              {left}
            </span>
          </dd>
        </div>
        )}
      </dl>
      {detail.lateInterest && detail.lateInterest.days > 0 && (
        <p className="muted small" data-testid="case-header-late-interest">
          {t.workspace.lateInterest(formatYuanSymbol(detail.lateInterest.amount), detail.lateInterest.from, detail.lateInterest.days)}
        </p>
      )}
      {detail.filing !== 'confirmed' && <FilingNotice detail={detail} />}
    </header>
  );
}

/** A filing entered by hand: why it cannot be queried yet, and asking the system again. */
function FilingNotice({ detail }: { detail: CaseDetail }) {
  const { t } = useT();
  const refresh = useAppStore((s) => s.refreshCurrentCase);
  return (
    <div className="banner warn" role="status" data-testid="case-filing">
      <span>{detail.filing === 'refused' ? t.workspace.filingRefused : t.workspace.filingPending}</span>
      {detail.filingNote && <span className="muted"> {detail.filingNote}</span>}{' '}
      <button type="button" data-testid="case-filing-recheck" onClick={() => void api().cases.confirmFiling({ caseId: detail.id }).then(() => refresh())}>
        {t.workspace.filingRecheck}
      </button>
    </div>
  );
}

function Fact(p: { label: string; value: string; testId: string; num?: boolean }) {
  return (
    <div className="fact">
      <dt>{p.label}</dt>
      <dd className={p.num ? 'num' : undefined} data-testid={p.testId}>
        {p.value}
      </dd>
    </div>
  );
}
