/**
 * 执保 cases: the 保全期限届满日 and the reminder to the applicant (docs/domain.md rule 2; 财产保全规定
 * 第十八条). The judge is reminded 7 days before the 届满日 (earlier past days off); one click makes
 * the 保全期限届满提醒通知书 to the applicant and records that he was reminded — once per 届满日,
 * audited, kept in the store. Plain functions of the store, for the reminders handler and the timer.
 */
import { caseAccess } from '../../shared/authority/matrix';
import { channelInfo } from '../../shared/domain/channels';
import type { ReminderView } from '../../shared/domain/measure-views';
import type { CaseDetail, Officer } from '../../shared/domain/types';
import { todayCst, type HolidayCalendar } from '../../shared/dates';
import { renewalPeriod } from '../../shared/rules/periods';
import { earliestRunning, PRESERVATION_NOTICE_DAYS, preservationNoticeDue, preservationReminder } from '../../shared/rules/preservation';
import { ARTICLES } from '../../shared/legal/basis';
import { AppFailure } from '../../shared/app-failure';
import type { DocumentRef } from '../../shared/domain/measures';
import type { SecureStore } from '../store';
import type { LiveFreeze } from '../store/freeze-views';
import { toRef } from '../store/documents';
import { generateDocument } from '../documents';
import { accessCase, accessHolder } from './authority';
import type { MeasureOps } from './measures/ops';

export const PRESERVATION_KEY_PREFIX = 'preservation:';

/** The freeze or seal whose end is a 执保 case's 保全期限届满日, today. */
export function preservationFreeze(store: SecureStore, caseId: string, today: string): LiveFreeze | undefined {
  return earliestRunning(store.measures.liveFreezes(caseId, today));
}

/** Reminders to tell the applicants of the officer's 执保 cases, due today or missed. */
export function preservationRemindersDue(store: SecureStore, officer: Officer, ops: MeasureOps, cal: HolidayCalendar): ReminderView[] {
  const today = ops.today();
  const holder = accessHolder(officer);
  const preserving = (caseId: string) => {
    const c = store.cases.get(caseId);
    return !!c && c.type === '执保' && caseAccess(holder, accessCase(c)) === 'act';
  };
  const byCase = new Map<string, (LiveFreeze & { caseNumber: string })[]>();
  for (const f of ops.liveFreezesOf(store, preserving)) byCase.set(f.measure.caseId, [...(byCase.get(f.measure.caseId) ?? []), f]);
  const reminded = store.preservationNotices.remindedFor([...byCase.keys()]);
  const out: ReminderView[] = [];
  for (const [caseId, freezes] of byCase) {
    const f = earliestRunning(freezes);
    const r = f && preservationReminder(f.endsOn, today, reminded.get(caseId) ?? new Set(), cal);
    if (!f || !r) continue;
    const debtor = store.cases.get(caseId)?.parties.find((p) => p.id === f.measure.partyId)?.name ?? '';
    out.push({
      debtor, assetKind: f.measure.assetKind, renewal: renewalPeriod(r.endsOn, f.measure.assetKind), frozen: f.frozen,
      key: `${PRESERVATION_KEY_PREFIX}${caseId}@${r.endsOn}`, kind: 'preservation', measureId: f.endsOnSetBy, freezeId: f.measure.id, caseId,
      caseNumber: f.caseNumber, assetDescription: `${channelInfo(f.measure.channel).zh} ${f.measure.assetIdentifier}`,
      endsOn: r.endsOn, daysBefore: PRESERVATION_NOTICE_DAYS, dueOn: r.dueOn, missed: r.missed,
    });
  }
  return out;
}

export interface NotifyDeps {
  courtName: string;
  now: () => Date;
  holidays: HolidayCalendar;
}

/**
 * Makes the 保全期限届满提醒通知书 for the case's current 届满日 and records the reminder. Refused, with
 * the reason and an audit entry, in a case that is not 执保 or holds nothing frozen; a second click
 * for the same 届满日 gives back the notice already made.
 */
export async function notifyApplicant(d: NotifyDeps, store: SecureStore, officer: Officer, c: Omit<CaseDetail, 'deadline' | 'daysLeft'>): Promise<{ endsOn: string; document: DocumentRef }> {
  const today = todayCst(d.now());
  const refuse = (zh: string, en: string): never => {
    store.audit.append({ officer: officer.code, action: 'preservation.applicant-reminded.refused', caseId: c.id, caseNumber: c.number, legalBasis: ARTICLES.preservation18, detail: { reason: zh } });
    throw new AppFailure('VALIDATION', { zh, en }, 'caseId');
  };
  if (c.type !== '执保') refuse('只有财产保全（执保）案件才向申请人发保全期限届满提醒', 'only a preservation (执保) case sends the applicant the end-of-preservation notice');
  const f = preservationFreeze(store, c.id, today);
  if (!f) refuse('本案没有正在保全的财产，无保全期限届满日可提醒', 'nothing is preserved in this case: there is no end date to remind of');
  const done = store.preservationNotices.of(c.id, f!.endsOn!);
  if (done) return { endsOn: done.endsOn, document: toRef(store.documents.get(done.documentId)!) };
  const applicant = c.parties.find((p) => p.role === 'applicant');
  const debtor = c.parties.find((p) => p.id === f!.measure.partyId);
  const asset = store.caseQueryView(c.id).assets.find((a) => a.id === f!.measure.assetId);
  if (!applicant || !debtor || !asset) refuse('本案当事人或保全财产信息不全，不能生成提醒通知书', 'the parties or the preserved property are not fully known: the notice cannot be made');
  const number = store.documents.nextNumber(c.id).number;
  const start = todayCst(new Date(f!.measure.outcome?.executedAt ?? f!.measure.createdAt));
  const g = await generateDocument('保全期限届满提醒通知书', {
    court: d.courtName, caseNumber: c.number, number, cause: c.cause,
    applicant: { name: applicant!.name, idNumber: applicant!.idNumber, kind: applicant!.kind },
    debtor: { name: debtor!.name, idNumber: debtor!.idNumber, kind: debtor!.kind },
    asset: { kind: asset!.kind, institution: asset!.institution, identifier: asset!.identifier },
    addressee: applicant!.name, period: { start, end: f!.endsOn! }, officer: { name: officer.name }, date: today,
  });
  const saved = store.documents.save({ caseId: c.id, type: '保全期限届满提醒通知书', pdf: g.pdf, content: g.model, createdBy: officer.code, number });
  store.preservationNotices.record({
    caseId: c.id, endsOn: f!.endsOn!, dueOn: preservationNoticeDue(f!.endsOn!, d.holidays), measureId: f!.endsOnSetBy, documentId: saved.id, remindedBy: officer.code,
  });
  return { endsOn: f!.endsOn!, document: toRef(saved) };
}
