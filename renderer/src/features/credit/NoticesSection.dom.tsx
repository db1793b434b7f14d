/**
 * One debtor's 执行通知书 and 报告财产令 (民诉法 第二百五十一、二百五十二条; docs/domain.md rule 8):
 * made once each, their service recorded (day and method), the report order's deadline that follows,
 * and the property report as filed.
 */
import { useState } from 'react';
import { todayCst } from '../../../../shared/dates';
import type { CaseCredit, DebtorCredit, EnforcementNotice, NoticeKind, ServiceMethod } from '../../../../shared/domain/listing';
import { NOTICE_KINDS, SERVICE_METHODS } from '../../../../shared/domain/listing';
import { errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { DateField } from '../../ui/DateField.dom';
import { DocumentLinks } from '../documents/DocumentLinks.dom';
import { useBlocked } from './use-may';
import { useRun } from './use-run';

interface Props {
  credit: CaseCredit;
  debtor: DebtorCredit;
  onChange(): void;
}


export function NoticesSection({ credit, debtor, onChange }: Props) {
  const { t } = useT();
  return (
    <section className="credit-notices" data-testid={`credit-notices-${debtor.partyId}`}>
      <h4>{t.credit.notices}</h4>
      <ul className="plain-list">
        {NOTICE_KINDS.map((k) => {
          const n = debtor.notices.filter((x) => x.kind === k).at(-1);
          return <li key={k}>{n ? <NoticeRow credit={credit} debtor={debtor} notice={n} onChange={onChange} /> : <IssueButton credit={credit} debtor={debtor} kind={k} onChange={onChange} />}</li>;
        })}
      </ul>
    </section>
  );
}

function IssueButton({ credit, debtor, kind, onChange }: Props & { kind: NoticeKind }) {
  const { t, lang } = useT();
  const blocked = useBlocked()('notice.issue');
  const { busy, error, run } = useRun(onChange);
  return (
    <span>
      <span className="muted">{t.credit.noticeKinds[kind]}：{t.credit.notIssued}</span>{' '}
      <button type="button" className="btn" disabled={busy || !!blocked} title={blocked} data-testid={`credit-issue-${kind}-${debtor.partyId}`}
        onClick={() => void run(() => api().credit.issueNotice({ caseId: credit.caseId, partyId: debtor.partyId, kind }))}>
        {t.credit.issue(t.credit.noticeKinds[kind])}
      </button>
      {blocked && <span className="muted small"> {blocked}</span>}
      {error && <span className="field-error" role="alert" data-testid={`credit-issue-error-${kind}-${debtor.partyId}`}> {errorText(error, lang)}</span>}
    </span>
  );
}

function NoticeRow({ credit, debtor, notice, onChange }: Props & { notice: EnforcementNotice }) {
  const { t } = useT();
  const docs = credit.documents.filter((d) => d.id === notice.documentId);
  const report = debtor.reports.filter((r) => r.noticeId === notice.id).at(-1);
  return (
    <div data-testid={`credit-notice-${notice.id}`} data-kind={notice.kind} data-served={notice.servedOn ? 'yes' : 'no'}>
      <strong>{t.credit.noticeKinds[notice.kind]}</strong>{' '}
      <span className="muted">{t.credit.issuedOn(notice.issuedAt.slice(0, 10))}</span>
      <DocumentLinks docs={docs} testPrefix="credit-doc" />
      {notice.servedOn ? (
        <p data-testid={`credit-served-${notice.id}`}>
          {t.credit.servedOn(notice.servedOn, notice.serviceMethod ? t.credit.methods[notice.serviceMethod] : '')}
          {notice.deadlineOn && <> · <span data-testid={`credit-deadline-${notice.id}`}>{t.credit.reportDeadline(notice.deadlineOn)}</span></>}
        </p>
      ) : (
        <ServeForm credit={credit} debtor={debtor} notice={notice} onChange={onChange} />
      )}
      {notice.kind === 'report-order' && notice.servedOn && (report
        ? <p data-testid={`credit-report-${notice.id}`}>{t.credit.reported(report.filedOn, report.truthful)} <span className="muted">{report.summary}</span></p>
        : <ReportForm credit={credit} debtor={debtor} notice={notice} onChange={onChange} />)}
    </div>
  );
}

function ServeForm({ credit, notice, onChange }: Props & { notice: EnforcementNotice }) {
  const { t, lang } = useT();
  const blocked = useBlocked()('notice.issue');
  const issued = notice.issuedAt.slice(0, 10);
  const today = todayCst();
  const [on, setOn] = useState(today < issued ? issued : today);
  const [method, setMethod] = useState<ServiceMethod>('direct');
  const { busy, error, run } = useRun(onChange);
  return (
    <div className="inline-form" data-testid={`credit-serve-${notice.id}`}>
      <label>{t.credit.serveOn} <DateField testId={`credit-serve-on-${notice.id}`} value={on} onChange={setOn} ariaLabel={t.credit.serveOn} /></label>
      <select aria-label={t.credit.method} value={method} onChange={(e) => setMethod(e.target.value as ServiceMethod)} data-testid={`credit-serve-method-${notice.id}`}>
        {SERVICE_METHODS.map((m) => <option key={m} value={m}>{t.credit.methods[m]}</option>)}
      </select>
      <button type="button" className="btn" disabled={busy || !!blocked} title={blocked} data-testid={`credit-serve-submit-${notice.id}`}
        onClick={() => void run(() => api().credit.serveNotice({ caseId: credit.caseId, noticeId: notice.id, servedOn: on, method }))}>
        {t.credit.recordService}
      </button>
      {error && <span className="field-error" role="alert" data-testid={`credit-serve-error-${notice.id}`}>{errorText(error, lang)}</span>}
    </div>
  );
}

function ReportForm({ credit, notice, onChange }: Props & { notice: EnforcementNotice }) {
  const { t, lang } = useT();
  const blocked = useBlocked()('notice.issue');
  const [on, setOn] = useState(todayCst());
  const [truthful, setTruthful] = useState(true);
  const [summary, setSummary] = useState('');
  const { busy, error, run } = useRun(onChange);
  return (
    <div className="inline-form" data-testid={`credit-report-form-${notice.id}`}>
      <label>{t.credit.reportFiledOn} <DateField testId={`credit-report-on-${notice.id}`} value={on} onChange={setOn} ariaLabel={t.credit.reportFiledOn} /></label>
      <label><input type="checkbox" checked={truthful} onChange={(e) => setTruthful(e.target.checked)} data-testid={`credit-report-truthful-${notice.id}`} /> {t.credit.truthful}</label>
      <input type="text" maxLength={2000} aria-label={t.credit.reportSummary} placeholder={t.credit.reportSummary} value={summary}
        onChange={(e) => setSummary(e.target.value)} data-testid={`credit-report-summary-${notice.id}`} />
      <button type="button" className="btn" disabled={busy || !!blocked} title={blocked} data-testid={`credit-report-submit-${notice.id}`}
        onClick={() => void run(() => api().credit.recordReport({ caseId: credit.caseId, noticeId: notice.id, filedOn: on, truthful, summary: summary.trim() }))}>
        {t.credit.recordReport}
      </button>
      {error && <span className="field-error" role="alert">{errorText(error, lang)}</span>}
    </div>
  );
}
