/**
 * 结案, paid in full (执行完毕): once what was recovered reaches what is owed (freezeCap(c) === 0,
 * docs/domain.md rule 1), the judge's one decision releases every freeze the case still holds,
 * through the ordinary release path with the paid-in-full reason (查扣冻规定 第二十八条), and closes
 * the case with the day and the way. Refused, with the reason in the judge's words and an audit
 * entry, while anything is still owed, or while a measure is not concluded — a draft, one awaiting
 * approval, queued, sent or of unknown outcome — since its answer may still change what is frozen
 * or recovered (docs/domain.md rule 7).
 */
import { AppFailure } from '../../shared/app-failure';
import { channelInfo } from '../../shared/domain/channels';
import { UNSETTLED_MEASURE_STATES, type Measure, type MeasureKind, type MeasureState } from '../../shared/domain/measures';
import { ARTICLES, RELEASE_REASONS } from '../../shared/legal/basis';
import { formatYuanSymbol } from '../../shared/money';
import { freezeCap } from '../../shared/rules';
import { MEASURE_KIND_ZH } from '../../shared/sheets/labels';
import type { StoredCase } from '../store/cases';
import { fail, type MeasureOps } from './measures/ops';
import type { ActiveSession } from './session';

const KIND_EN: Record<MeasureKind, string> = { freeze: 'freeze', renew: 'renewal', unfreeze: 'release', deduct: 'deduction' };
const STATE: Partial<Record<MeasureState, { zh: string; en: string }>> = {
  draft: { zh: '草稿', en: 'draft' },
  awaiting_approval: { zh: '待审批', en: 'awaiting approval' },
  queued: { zh: '待发送', en: 'queued' },
  sent: { zh: '已发送待反馈', en: 'sent, no answer yet' },
  unknown: { zh: '结果未知，正在核实', en: 'outcome unknown, being verified' },
};

function refuse(s: ActiveSession, c: StoredCase, reason: string, zh: string, en: string): never {
  s.store.audit.append({
    officer: s.officer.code, action: 'case.close.refused', caseId: c.id, caseNumber: c.number,
    detail: { reason, message: zh },
  });
  fail(zh, en, 'caseId');
}

/** Why the case cannot be closed as paid in full now, refused and recorded; nothing when it can. */
function assertClosable(s: ActiveSession, c: StoredCase, held: readonly { measure: Measure }[], today: string): void {
  if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
  // first what is under way: its answer may still pay the rest, or not
  const unsettled = s.store.measures.list({ caseId: c.id, states: UNSETTLED_MEASURE_STATES });
  if (unsettled.length > 0) {
    const zh = unsettled.map((m) => `${MEASURE_KIND_ZH[m.kind]}（${STATE[m.state]?.zh ?? m.state}）`).join('、');
    const en = unsettled.map((m) => `${KIND_EN[m.kind]} (${STATE[m.state]?.en ?? m.state})`).join(', ');
    refuse(s, c, 'unsettled', `本案尚有 ${unsettled.length} 项措施未办结：${zh}；须待协助单位反馈、核实或撤回后才能结案`,
      `${unsettled.length} measure(s) of the case are not concluded: ${en}; wait for the agency's answer, its verification or a withdrawal before closing`);
  }
  // what is owed with the late-performance interest, as the store's guard counts it (docs/domain.md rule 1)
  const owed = freezeCap(s.store.measures.capInputFor(c.id, today));
  if (owed > 0) {
    refuse(s, c, 'owed', `尚有 ${formatYuanSymbol(owed)} 未执行到位，不能以执行完毕结案`, `${owed} fen are still owed: the case cannot be closed as paid in full`);
  }
  const offline = held.find((f) => !channelInfo(f.measure.channel).measures.includes('unfreeze'));
  if (offline) {
    refuse(s, c, 'offlineRelease', `${channelInfo(offline.measure.channel).zh}不办理网络解除冻结，请线下解除后再结案`,
      `${channelInfo(offline.measure.channel).en} does not release online: release it offline before closing`);
  }
}

export type ClosePaidInFull = (s: ActiveSession, c: StoredCase, decisionId: string) => Promise<{ case: StoredCase; releases: Measure[] }>;

/** The close of the services: one at a time per case, so that two windows never both send the releases. */
export function casesClosing(ops: MeasureOps): ClosePaidInFull {
  const closing = new Set<string>();
  return (s, c, decisionId) => closePaidInFull(ops, closing, s, c, decisionId);
}

async function closePaidInFull(ops: MeasureOps, closing: Set<string>, s: ActiveSession, c: StoredCase, decisionId: string): Promise<{ case: StoredCase; releases: Measure[] }> {
  if (closing.has(c.id)) refuse(s, c, 'closing', '本案正在结案，请稍候', 'the case is being closed already');
  closing.add(c.id);
  try {
    const held = s.store.measures.liveFreezes(c.id, ops.today()).filter((f) => f.status === 'in_force' || f.status === 'waiting');
    assertClosable(s, c, held, ops.today());
    const releases: Measure[] = [];
    for (const f of held) {
      releases.push(await ops.actOnFreeze(s, c, 'unfreeze', f.measure.id, { decisionId, reason: RELEASE_REASONS.paidInFull.zh }));
    }
    const closed = s.store.cases.close(c.id, { closedOn: ops.today(), closedBy: s.officer.code, closing: 'completed' });
    s.store.audit.append({
      officer: s.officer.code, action: 'case.closed', caseId: c.id, caseNumber: c.number, legalBasis: ARTICLES.seizure28,
      detail: { closing: 'completed', closedOn: closed.closedOn, decisionId, releases: releases.map((m) => m.id), amountOwed: c.amountOwed, costs: c.costs, recovered: c.recovered },
    });
    return { case: closed, releases };
  } finally {
    closing.delete(c.id);
  }
}
