/**
 * The body of a query request (docs/gateway-protocol.md, "Submit a request"). It is a pure
 * function of the stored request, the case context and the subject, so that a request submitted
 * again under its own id after a lost answer or a restart carries the same body and is not refused
 * as an idempotency conflict (docs/domain.md rule 7).
 *
 * Every query carries its purpose, legal basis and source document (docs/domain.md, "A request carries";
 * the Estonian e-arest practice): the 协助查询通知书. Until documents are generated and sealed
 * elsewhere, the notice's text is composed here and its SHA-256 is sent with it.
 */
import { sha256Hex } from '../gateway/signing';
import { channelInfo, type ChannelId } from '../../shared/domain/channels';
import { todayCst } from '../../shared/dates';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import type { ChannelRequest, Party } from '../../shared/domain/types';
import type { ChannelAdapter, QueryContext } from './types';
import type { SubmitBody, WireDocument } from './gateway-wire';

export const QUERY_DOCUMENT_TYPE = '协助查询通知书';
/** only a debtor of the case, only for that case (docs/domain.md, "The purpose") */
export const QUERY_PURPOSE = '查询被执行人财产及下落';
/** what a query cites, on the wire and in its notice */
export const QUERY_LEGAL_BASIS = LEGAL_BASIS.query;

type RequestRef = Pick<ChannelRequest, 'id' | 'channel' | 'createdAt'>;
type Subject = Pick<Party, 'kind' | 'name' | 'idNumber'> & Partial<Pick<Party, 'id'>>;

/** "(2025)黔0103执1234号之查5F0C1A2B": the case number and the request's own short id. */
export function queryNoticeNumber(r: RequestRef, ctx: QueryContext): string {
  return `${ctx.caseNumber}之查${r.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

export function queryNoticeText(r: RequestRef, ctx: QueryContext, subject: Subject): string {
  const agency = channelInfo(r.channel).zh;
  const idLabel = subject.kind === 'person' ? '公民身份号码' : '统一社会信用代码';
  return [
    QUERY_DOCUMENT_TYPE,
    queryNoticeNumber(r, ctx),
    `${agency}：`,
    `本院在执行${ctx.caseNumber}案件中，依照${QUERY_LEGAL_BASIS}，请协助查询被执行人${subject.name}（${idLabel}${subject.idNumber}）的财产及下落情况。`,
    `执行人员：${ctx.officer.name}（${ctx.officer.code}）`,
    ctx.court,
    todayCst(new Date(r.createdAt)),
  ].join('\n');
}

export function queryDocument(r: RequestRef, ctx: QueryContext, subject: Subject): WireDocument {
  return { type: QUERY_DOCUMENT_TYPE, number: queryNoticeNumber(r, ctx), sha256: sha256Hex(queryNoticeText(r, ctx, subject)) };
}

export function buildQueryBody(r: RequestRef, ctx: QueryContext, subject: Subject, adapter: ChannelAdapter): SubmitBody {
  return {
    clientRequestId: r.id,
    channel: r.channel,
    kind: 'query',
    case: { number: ctx.caseNumber, court: ctx.court },
    subject: { kind: subject.kind, name: subject.name, idNumber: subject.idNumber },
    officer: { code: ctx.officer.code, name: ctx.officer.name },
    documents: [queryDocument(r, ctx, subject)],
    purpose: QUERY_PURPOSE,
    legalBasis: QUERY_LEGAL_BASIS,
    params: withFinding(adapter.queryParams(subject), r.channel, ctx, subject),
  };
}

/** A whereabouts channel is asked only with the finding that opens it (the gateway checks it too). */
function withFinding(params: Record<string, unknown>, channel: ChannelId, ctx: QueryContext, subject: Subject): Record<string, unknown> {
  const finding = subject.id ? ctx.findings?.[subject.id] : undefined;
  return channelInfo(channel).yields === 'whereabouts' && finding ? { ...params, finding } : params;
}
