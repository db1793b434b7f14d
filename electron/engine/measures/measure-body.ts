/**
 * The body of a measure request (docs/gateway-protocol.md, "Measures") and of the frozen-balance
 * re-query. A measure's body is a pure function of the stored measure and its context, built with
 * a fixed key order, so that the same measure submitted again under its own id — after a lost
 * answer, a 404, a restart — is byte-identical and never refused as an idempotency conflict
 * (docs/domain.md rule 7).
 */
import { AppFailure } from '../../../shared/app-failure';
import { channelInfo } from '../../../shared/domain/channels';
import { DOCUMENTS_FOR, type Measure, type MeasureKind } from '../../../shared/domain/measures';
import type { Party } from '../../../shared/domain/types';
import type { SubmitBody, WireDocument } from '../gateway-wire';
import { queryDocument } from '../query-body';
import { LEGAL_BASIS, MEASURE_LEGAL_BASIS } from '../../../shared/legal/basis';
import type { QueryContext } from '../types';

/** The court's registered receiving account (执行款专户), as the protocol carries it. */
export interface WireCourtAccount {
  bank: string;
  accountNo: string;
  name: string;
}

/**
 * Who sends a measure, for whom: the case, the acting officer (the one the measure was decided
 * under: the body carries the officer, so a re-send must name the same one) and the debtor the
 * measure acts on. Everything else comes from the stored measure itself (a deduction's court
 * account included), so the body cannot drift between sends.
 */
export interface MeasureContext extends QueryContext {
  subject: Pick<Party, 'id' | 'kind' | 'name' | 'idNumber'>;
}

export const MEASURE_PURPOSE: Readonly<Record<MeasureKind, string>> = {
  freeze: '冻结被执行人财产',
  renew: '续行冻结被执行人财产',
  unfreeze: '解除冻结被执行人财产',
  deduct: '扣划被执行人存款',
};

/** re-query before deducting (docs/domain.md rule 6) */
export const FROZEN_BALANCE_PURPOSE = '扣划前复查冻结余额';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(zh: string, en: string, field?: string): AppFailure {
  return new AppFailure('VALIDATION', { zh, en }, field);
}

/** The two documents of the measure's kind, in the order DOCUMENTS_FOR names them. */
function measureDocuments(m: Measure): WireDocument[] {
  const out: WireDocument[] = [];
  for (const type of DOCUMENTS_FOR[m.kind]) {
    // several of one type: the lowest number, so the choice never depends on the store's order
    const d = m.documents.filter((x) => x.type === type).sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))[0];
    if (!d) throw invalid(`措施缺少${type}`, `the measure lacks its ${type}`, 'documents');
    if (!SHA256_HEX.test(d.sha256)) throw invalid(`${type}的摘要无效`, `the SHA-256 of the ${type} is not valid`, 'documents');
    out.push({ type: d.type, number: d.number, sha256: d.sha256 });
  }
  return out;
}

function needsFreeze(m: Measure): string {
  if (!m.freezeId) throw invalid('未指明所针对的冻结措施', 'the freeze acted on is missing', 'freezeId');
  return m.freezeId;
}

function needsEndsOn(m: Measure): string {
  if (!m.endsOn || !ISO_DATE.test(m.endsOn)) throw invalid('缺少冻结截止日期', 'the end date is missing', 'endsOn');
  return m.endsOn;
}

function needsAmount(m: Measure): number {
  if (m.amount === undefined) throw invalid('缺少金额', 'the amount is missing', 'amount');
  return m.amount;
}

/** `params` per kind (protocol, "params per kind"), keys in a fixed order. */
export function measureParams(m: Measure): Record<string, unknown> {
  switch (m.kind) {
    case 'freeze':
      return { assetIdentifier: m.assetIdentifier, ...(m.amount !== undefined ? { amount: m.amount } : {}), endsOn: needsEndsOn(m) };
    case 'renew':
      return { freezeRequestId: needsFreeze(m), assetIdentifier: m.assetIdentifier, endsOn: needsEndsOn(m) };
    case 'unfreeze':
      return { freezeRequestId: needsFreeze(m), assetIdentifier: m.assetIdentifier, ...(m.amount !== undefined ? { amount: m.amount } : {}) };
    case 'deduct': {
      const a = m.courtAccount;
      if (!a || !a.bank || !a.accountNo || !a.name) throw invalid('缺少法院收款账户', 'the court receiving account is missing', 'courtAccount');
      return {
        freezeRequestId: needsFreeze(m), assetIdentifier: m.assetIdentifier, amount: needsAmount(m),
        courtAccount: { bank: a.bank, accountNo: a.accountNo, name: a.name },
      };
    }
  }
}

/** Checks that the context is the measure's own: its case, its debtor. */
export function assertContextOf(m: Measure, ctx: MeasureContext): void {
  if (ctx.caseId !== m.caseId) throw invalid('措施不属于该案件', 'the measure belongs to another case', 'caseId');
  if (ctx.subject.id !== m.partyId) throw invalid('措施针对的被执行人与所给当事人不一致', 'the measure acts on another party', 'partyId');
  const info = channelInfo(m.channel);
  if (!(info.measures as readonly string[]).includes(m.kind)) {
    throw invalid(`${info.zh}不能在线执行该措施`, `${info.en} does not execute a ${m.kind} online`, 'channel');
  }
}

/** The submit body of a measure. Throws AppFailure VALIDATION when the measure cannot be sent as it is. */
export function buildMeasureBody(m: Measure, ctx: MeasureContext): SubmitBody {
  assertContextOf(m, ctx);
  return {
    clientRequestId: m.id,
    channel: m.channel,
    kind: m.kind,
    case: { number: ctx.caseNumber, court: ctx.court },
    subject: { kind: ctx.subject.kind, name: ctx.subject.name, idNumber: ctx.subject.idNumber },
    officer: { code: ctx.officer.code, name: ctx.officer.name },
    documents: measureDocuments(m),
    purpose: MEASURE_PURPOSE[m.kind],
    legalBasis: m.legalBasis ?? MEASURE_LEGAL_BASIS[m.kind],
    params: measureParams(m),
    ...(m.signatures?.length ? { signatures: m.signatures } : {}),
  };
}

/** The frozen-balance re-query: an ordinary query under its own new id, on the freeze's channel. */
export function buildFrozenBalanceBody(requestId: string, freeze: Measure, ctx: MeasureContext, createdAt: string): SubmitBody {
  assertContextOf(freeze, ctx);
  return {
    clientRequestId: requestId,
    channel: freeze.channel,
    kind: 'query',
    case: { number: ctx.caseNumber, court: ctx.court },
    subject: { kind: ctx.subject.kind, name: ctx.subject.name, idNumber: ctx.subject.idNumber },
    officer: { code: ctx.officer.code, name: ctx.officer.name },
    documents: [queryDocument({ id: requestId, channel: freeze.channel, createdAt }, ctx, ctx.subject)],
    purpose: FROZEN_BALANCE_PURPOSE,
    legalBasis: LEGAL_BASIS.query,
    params: { purpose: 'frozen_balance', freezeRequestId: freeze.id },
  };
}

/** The exact text that goes on the wire (the gateway client serialises the same way). */
export function bodyText(b: SubmitBody): string {
  return JSON.stringify(b);
}

export { sha256Hex as sha256Of } from '../../gateway/signing';
