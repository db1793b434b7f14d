/**
 * What each kind of alert is called, in the judge's two languages: the badge's list, the desktop
 * notification (which names the case and the kind only: the operating system keeps notifications
 * on disk, so no name, account or sum goes there).
 */
import type { AlertAction, AlertKind } from './alerts';

export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, { zh: string; en: string }>> = {
  'funds.arrived': { zh: '账户到账', en: 'Funds arrived' },
  'restriction.breach': { zh: '违反限制消费', en: 'Restriction breached' },
  'whereabouts.sighting': { zh: '发现行踪', en: 'Debtor sighted' },
  'freeze.renewal-window': { zh: '冻结即将届满', en: 'Freeze ending soon' },
  'case.deadline': { zh: '执行期限临近', en: 'Case limit near' },
  'objection.deadline': { zh: '执行异议审查期限临近', en: 'Objection limit near' },
  'lead.unchecked': { zh: '财产线索未核查', en: 'Lead not checked' },
  'terminal.new-property': { zh: '终本案件发现新财产', en: 'New property in a closed case' },
};

export const ALERT_ACTION_LABELS: Readonly<Record<AlertAction, { zh: string; en: string }>> = {
  freeze: { zh: '一键冻结', en: 'Freeze' },
  control: { zh: '申请协助控制', en: 'Request control' },
  renew: { zh: '续冻', en: 'Renew' },
  'open-case': { zh: '打开案件', en: 'Open the case' },
  'check-lead': { zh: '核查线索', en: 'Check the lead' },
  'resume-case': { zh: '恢复执行', en: 'Resume the case' },
};

/** The desktop notification's text: the case number and the kind, nothing personal. */
export function alertNotification(a: { kind: AlertKind; caseNumber: string }): { title: string; body: string } {
  return { title: `查控台 · ${ALERT_KIND_LABELS[a.kind].zh}`, body: a.caseNumber };
}
