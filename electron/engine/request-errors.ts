/**
 * The error a finished request carries: `{code, message (zh), messageEn}` in the judge's wording
 * from shared/errors.ts, with the precise reason (the protocol code, the agency's refusal)
 * appended. Gateway messages may name the subject; they go to the store, never to the log.
 */
import { appError, describeError, type ErrorCode } from '../../shared/errors';
import type { ChannelRequest } from '../../shared/domain/types';
import { GatewayCertificate, GatewayGarbage, GatewayHttpError, GatewayNoAnswer, GatewayUnreachable, type GatewayFailure } from './gateway-errors';

export type RequestError = NonNullable<ChannelRequest['error']>;

export function requestError(code: ErrorCode, detail?: { zh: string; en: string }): RequestError {
  const e = appError(code, detail);
  return { code: e.code, message: describeError(e, 'zh'), messageEn: describeError(e, 'en') };
}

/** The error for a request given up on after `f`, the last thing that went wrong. */
export function errorForFailure(f: GatewayFailure | undefined, attempts: number): RequestError {
  if (f instanceof GatewayHttpError) {
    if (f.code === 'OFFICER_NOT_REGISTERED') return requestError('OFFICER_NOT_REGISTERED');
    if (f.code === 'BAD_SIGNATURE' || f.code === 'CLOCK_SKEW') {
      return requestError('GATEWAY_ERROR', {
        zh: `签名或时间被网关拒绝（${f.gatewayCode}），请检查本机时间和站点凭据`,
        en: `signature or clock refused by the gateway (${f.gatewayCode}); check this machine's clock and the station credentials`,
      });
    }
    if (f.code === 'RATE_LIMITED') {
      return requestError('GATEWAY_ERROR', {
        zh: `网关持续限流（RATE_LIMITED），已等待 ${attempts} 次`,
        en: `the gateway kept rate-limiting (RATE_LIMITED) after ${attempts} waits`,
      });
    }
    return requestError('GATEWAY_ERROR', { zh: `网关代码 ${f.gatewayCode}（HTTP ${f.httpStatus}）`, en: `gateway code ${f.gatewayCode} (HTTP ${f.httpStatus})` });
  }
  if (f instanceof GatewayGarbage) {
    return requestError('GATEWAY_GARBAGE', { zh: `已重试 ${attempts} 次`, en: `after ${attempts} tries` });
  }
  if (f instanceof GatewayNoAnswer) {
    return requestError('GATEWAY_TIMEOUT', { zh: `已尝试 ${attempts} 次，结果未知`, en: `${attempts} tries, outcome unknown` });
  }
  if (f instanceof GatewayCertificate) return requestError('GATEWAY_CERTIFICATE');
  if (f instanceof GatewayUnreachable) return requestError('NETWORK_DOWN');
  return requestError('INTERNAL');
}

/** The agency itself refused the query (status "rejected"): its own reason, verbatim. */
export function rejectionError(code: string, message: string): RequestError {
  return requestError('AGENCY_REJECTED', {
    zh: `协助单位拒绝查询：${message || code}（${code}）`,
    en: `the agency refused the query (${code})`,
  });
}

/** The agency's feedback could not be read, poll after poll. */
export function garbageError(tries: number): RequestError {
  return requestError('GATEWAY_GARBAGE', { zh: `连续 ${tries} 次无法识别反馈内容`, en: `feedback unreadable ${tries} times` });
}

/** No feedback within the polling limit: the request needs manual handling. */
export function manualError(polls: number): RequestError {
  return requestError('GATEWAY_TIMEOUT', {
    zh: `已轮询 ${polls} 次仍无反馈，需人工处理`,
    en: `no feedback after ${polls} polls; needs manual handling`,
  });
}
