/**
 * Executes a new query request: checks the subject against the population, draws the request's
 * fate (latency, no feedback, rejection, duplicate delivery) and records it.
 */
import { channelInfo } from '../../shared/domain/channels';
import { executeMeasure } from './execute-measure';
import { latencyFor, reorderDelay } from './latency';
import { isFrozenBalanceQuery, missingDocuments } from './measure-params';
import type { ChannelKnobs } from './knobs';
import type { GatewayRequest, Rejection } from './request-table';
import type { SandboxState } from './state';
import type { SubmitBody, SubmitKind } from './submit-body';

const AGENCY_REFUSALS: readonly Rejection[] = [
  { code: 'DOCUMENT_INVALID', message: '协助查询通知书电子签章验证未通过' },
  { code: 'AGENCY_REFUSED', message: '协助执行单位暂无法受理，请人工联系' },
  { code: 'DOCUMENT_INCOMPLETE', message: '法律文书信息不完整' },
];

export function executeQuery(st: SandboxState, body: SubmitBody, bodyHash: string, k: ChannelKnobs, now: number): GatewayRequest {
  const ch = body.channel;
  const id = body.clientRequestId;
  const late = st.dice.roll(k.outOfOrderRate, ch, id, 0, 'outOfOrder');
  if (late) st.stats.fault(ch, 'outOfOrder');
  const latency = latencyFor(ch, st.dice.value(ch, id, 'latency'), k.latencyScale) + (late ? reorderDelay(ch, k.latencyScale) : 0);
  const known = st.population.byId.get(body.subject.idNumber);
  let rejection: Rejection | undefined;
  // a name that does not match the ID on record is refused by the agency, not answered
  if (known && known.name !== body.subject.name) {
    rejection = { code: 'SUBJECT_MISMATCH', message: '被查询人名称与证件号码不一致' };
  } else if (st.dice.roll(k.rejectRate, ch, id, 0, 'reject')) {
    st.stats.fault(ch, 'reject');
    rejection = AGENCY_REFUSALS[Math.floor(st.dice.value(ch, id, 'refusal') * AGENCY_REFUSALS.length)]!;
  }
  const silent = st.dice.roll(k.noFeedbackRate, ch, id, 0, 'noFeedback');
  if (silent) st.stats.fault(ch, 'noFeedback');
  const duplicate = !rejection && st.dice.roll(k.duplicateRate, ch, id, 0, 'duplicate');
  if (duplicate) st.stats.fault(ch, 'duplicate');
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
    rejection,
    duplicate,
  });
}

export type Executor = (st: SandboxState, body: SubmitBody, bodyHash: string, k: ChannelKnobs, now: number) => GatewayRequest;

/** Executors by request kind: queries from the population, measures on the ledger. */
export const EXECUTORS: Record<SubmitKind, Executor> = {
  query: (st, body, ...rest) => (isFrozenBalanceQuery(body) ? executeMeasure : executeQuery)(st, body, ...rest),
  freeze: executeMeasure,
  renew: executeMeasure,
  unfreeze: executeMeasure,
  deduct: executeMeasure,
};

/** why a channel refuses a request it cannot execute (422 CHANNEL_REFUSES), or undefined */
export function refusal(body: SubmitBody): string | undefined {
  const info = channelInfo(body.channel);
  const measures = info.measures as readonly string[];
  if (body.kind !== 'query' && !measures.includes(body.kind)) return `${body.channel} does not execute ${body.kind}`;
  if (isFrozenBalanceQuery(body) && !measures.includes('freeze')) return `${body.channel} holds no freezes to ask about`;
  if (body.subject.kind === 'company' && !info.forCompanies) return `${body.channel} answers for persons only`;
  return missingDocuments(body);
}
