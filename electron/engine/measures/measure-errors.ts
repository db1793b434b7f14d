/**
 * The errors a measure carries (Measure['error']) and the typed failure the frozen-balance
 * re-query throws, in the judge's words (shared/errors.ts). Gateway and agency messages may name
 * the subject: they go to the store and to the judge, never to the log.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { ErrorCode } from '../../../shared/errors';
import type { Measure, MeasureKind } from '../../../shared/domain/measures';
import { GatewayGarbage, GatewayHttpError, GatewayNoAnswer, GatewayUnreachable, type GatewayFailure } from '../gateway-errors';
import { requestError } from '../request-errors';

export type MeasureError = NonNullable<Measure['error']>;

const KIND_ZH: Record<MeasureKind | 'query', string> = { freeze: '冻结', renew: '续行冻结', unfreeze: '解除冻结', deduct: '扣划', query: '复查' };

/** The agency refused the measure: its own reason, verbatim, kept with the measure. */
export function measureRejectionError(kind: MeasureKind, code: string, message: string): MeasureError {
  return requestError('AGENCY_REJECTED', { zh: `协助执行单位拒绝${KIND_ZH[kind]}：${message || code}（${code}）`, en: `the agency refused the ${kind} (${code})` });
}

/** The gateway refused the request before the agency saw it (400, 401, 403, 422): not executed. */
export function gatewayRefusalError(e: GatewayHttpError): MeasureError {
  if (e.code === 'OFFICER_NOT_REGISTERED') return requestError('OFFICER_NOT_REGISTERED');
  if (e.code === 'BAD_SIGNATURE' || e.code === 'CLOCK_SKEW') {
    return requestError('GATEWAY_ERROR', {
      zh: `签名或时间被网关拒绝（${e.gatewayCode}），措施未执行；请检查本机时间和站点凭据`,
      en: `signature or clock refused by the gateway (${e.gatewayCode}); the measure was not executed`,
    });
  }
  return requestError('GATEWAY_ERROR', {
    zh: `网关拒收（${e.gatewayCode}，HTTP ${e.httpStatus}），措施未执行：${e.gatewayMessage}`,
    en: `the gateway refused the request (${e.gatewayCode}, HTTP ${e.httpStatus}); the measure was not executed`,
  });
}

/** The gateway holds this id with another body: a fault of this program, never re-sent. */
export function conflictError(): MeasureError {
  return requestError('GATEWAY_ERROR', {
    zh: '网关已以不同内容收到该措施（IDEMPOTENCY_CONFLICT）；不会重发，正按原编号查询结果',
    en: 'the gateway holds this measure with another body (IDEMPOTENCY_CONFLICT); it is not sent again, its outcome is asked by its id',
  });
}

/** The body rebuilt for a re-send differs from the one first sent: not sent (it would be a 409). */
export function bodyChangedError(): MeasureError {
  return requestError('INTERNAL', {
    zh: '重发内容与首次发送不一致（如经办人或当事人信息已变），措施未重发，需人工核对',
    en: 'the body to send again differs from the one first sent (officer or party details changed); not sent, needs checking',
  });
}

/** The outcome is still open after the engine's limits: it stays in the outbox for a follow-up. */
export function followUpError(f: GatewayFailure | undefined, polls: number): MeasureError {
  if (f instanceof GatewayGarbage) {
    return requestError('GATEWAY_GARBAGE', { zh: `反馈连续无法识别，措施结果待人工核实（已查询 ${polls} 次）`, en: `feedback unreadable; the outcome needs checking (${polls} polls)` });
  }
  if (f instanceof GatewayHttpError) {
    return requestError('GATEWAY_ERROR', {
      zh: `查询措施结果时网关返回 ${f.gatewayCode}（HTTP ${f.httpStatus}），结果待人工核实`,
      en: `asking for the outcome the gateway answered ${f.gatewayCode} (HTTP ${f.httpStatus}); the outcome needs checking`,
    });
  }
  return requestError('GATEWAY_TIMEOUT', {
    zh: `已查询 ${polls} 次仍无反馈，措施仍在待办中，需人工跟进`,
    en: `no feedback after ${polls} polls; the measure stays in the outbox for a follow-up`,
  });
}

/** A typed failure of the frozen-balance re-query, worded for the deduction panel. */
export class MeasureFailure extends AppFailure {
  constructor(code: ErrorCode, detail?: { zh: string; en: string }, readonly rejection?: { code: string; message: string }) {
    super(code, detail);
    this.name = 'MeasureFailure';
  }
}

/** The re-query's failure for what went wrong on the wire. */
export function failureFor(f: GatewayFailure | undefined, what: string): MeasureFailure {
  if (f instanceof GatewayUnreachable) return new MeasureFailure('NETWORK_DOWN', { zh: `${what}未能发出`, en: `${what} could not be sent` });
  if (f instanceof GatewayNoAnswer) return new MeasureFailure('GATEWAY_TIMEOUT', { zh: `${what}未获答复`, en: `${what}: no answer` });
  if (f instanceof GatewayGarbage) return new MeasureFailure('GATEWAY_GARBAGE', { zh: `${what}的答复无法识别`, en: `${what}: unreadable answer` });
  if (f instanceof GatewayHttpError) {
    if (f.code === 'OFFICER_NOT_REGISTERED') return new MeasureFailure('OFFICER_NOT_REGISTERED');
    return new MeasureFailure('GATEWAY_ERROR', { zh: `网关代码 ${f.gatewayCode}（HTTP ${f.httpStatus}）`, en: `gateway code ${f.gatewayCode} (HTTP ${f.httpStatus})` });
  }
  return new MeasureFailure('GATEWAY_TIMEOUT', { zh: `${what}超时`, en: `${what} timed out` });
}
