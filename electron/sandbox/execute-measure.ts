/**
 * Executes a measure (freeze, renew, unfreeze, deduct) or a frozen-balance query on the ledger at
 * the moment the gateway accepts it; its feedback becomes visible after the channel's latency, in
 * the common measure format (docs/gateway-protocol.md, "Measures"). A lost or held answer does not
 * undo the execution: the client learns the outcome by asking about the same id.
 */
import { courtName } from './ledger-seed';
import type { Actor, MeasureFeedback, MeasureKindOrQuery } from './ledger';
import { latencyFor, reorderDelay } from './latency';
import type { ChannelKnobs } from './knobs';
import { checkMeasureParams, type MeasureParams } from './measure-params';
import type { GatewayRequest, Rejection } from './request-table';
import type { SandboxState } from './state';
import type { SubmitBody } from './submit-body';

const MEASURE_REFUSALS: readonly Rejection[] = [
  { code: 'DOCUMENT_INVALID', message: '协助执行通知书电子签章验证未通过' },
  { code: 'AGENCY_REFUSED', message: '协助执行单位暂无法受理，请人工联系' },
  { code: 'DOCUMENT_INCOMPLETE', message: '执行裁定书信息不完整' },
];

/** The provident fund center pays out only on a withdrawal condition (住房公积金管理条例 第二十四条). */
const PF_REFUSAL: Rejection = { code: 'PF_NOT_WITHDRAWABLE', message: '该职工不符合住房公积金提取条件，住房公积金中心不予扣划（住房公积金管理条例第二十四条）' };

function pfNotWithdrawable(st: SandboxState, owner: string, p: MeasureParams): boolean {
  if (p.kind !== 'deduct') return false;
  const account = st.population.byId.get(owner)?.holdings.providentFund.find((a) => a.accountNo === p.assetIdentifier);
  return account !== undefined && account.withdrawal === undefined;
}

function apply(st: SandboxState, a: Actor, p: MeasureParams): MeasureFeedback {
  switch (p.kind) {
    case 'freeze':
      return st.ledger.freeze({ ...a, assetIdentifier: p.assetIdentifier, endsOn: p.endsOn, ...(p.amount !== undefined ? { amount: p.amount } : {}) });
    case 'renew':
      return st.ledger.renew({ ...a, ...p });
    case 'unfreeze':
      return st.ledger.unfreeze({ ...a, ...p });
    case 'deduct':
      return st.ledger.deduct({ ...a, ...p });
    case 'frozen_balance':
      return st.ledger.frozenBalance({ ...a, ...p });
  }
}

export function executeMeasure(st: SandboxState, body: SubmitBody, bodyHash: string, k: ChannelKnobs, now: number): GatewayRequest {
  const ch = body.channel;
  const id = body.clientRequestId;
  const checked = checkMeasureParams(body);
  // the route refuses bad params with 400 before executing
  if (!checked.ok) throw new Error(checked.message);
  const kind: MeasureKindOrQuery = checked.params.kind === 'frozen_balance' ? 'query' : checked.params.kind;
  const actor: Actor = {
    requestId: id, court: body.case.court, courtName: courtName(body.case.court), caseNumber: body.case.number,
    owner: body.subject.idNumber, channel: ch,
  };
  const known = st.population.byId.get(body.subject.idNumber);
  let fb: MeasureFeedback;
  if (known && known.name !== body.subject.name) {
    fb = st.ledger.refuse(actor, kind, { code: 'SUBJECT_MISMATCH', message: '被执行人名称与证件号码不一致' });
  } else if (pfNotWithdrawable(st, body.subject.idNumber, checked.params)) {
    fb = st.ledger.refuse(actor, kind, PF_REFUSAL);
  } else if (st.dice.roll(k.rejectRate, ch, id, 0, 'reject')) {
    st.stats.fault(ch, 'reject');
    fb = st.ledger.refuse(actor, kind, MEASURE_REFUSALS[Math.floor(st.dice.value(ch, id, 'refusal') * MEASURE_REFUSALS.length)]!);
  } else {
    fb = apply(st, actor, checked.params);
  }
  const silent = st.dice.roll(k.noFeedbackRate, ch, id, 0, 'noFeedback');
  if (silent) st.stats.fault(ch, 'noFeedback');
  const late = st.dice.roll(k.outOfOrderRate, ch, id, 0, 'outOfOrder');
  if (late) st.stats.fault(ch, 'outOfOrder');
  const latency = latencyFor(ch, st.dice.value(ch, id, 'latency'), k.latencyScale) + (late ? reorderDelay(ch, k.latencyScale) : 0);
  // the feed delivers this feedback a second time, after later requests' answers
  const twice = !silent && st.dice.roll(k.duplicateRate, ch, id, 0, 'duplicate');
  if (twice) st.stats.fault(ch, 'duplicate');
  st.stats.of(ch).executed += 1;
  return st.requests.add({
    clientRequestId: id,
    channel: ch,
    kind: body.kind,
    bodyHash,
    subject: body.subject,
    acceptedAt: now,
    processingAt: now + Math.round(latency * 0.3),
    answerAt: silent ? undefined : now + latency,
    rejection: fb.result === 'rejected' ? fb.rejection : undefined,
    duplicate: false,
    ...(twice ? { redeliverAt: now + latency + reorderDelay(ch, k.latencyScale) } : {}),
    measure: fb,
  });
}
