/**
 * The listing and restriction policies (docs/gateway-protocol.md, "Credit platform"): a credit
 * exchange of the outbox (store.creditExchanges) as the body the platform receives, and the
 * platform's answer as what the exchange came to. Never re-sent blindly: the runner sends the same
 * bytes again only when the gateway says it never received them.
 */
import { CREDIT_CHANNEL, type CreditExchange, type CreditFeedback } from '../../../shared/domain/credit';
import type { GatewayHttpError } from '../gateway-errors';
import type { CreditSubmitBody, StatusAnswer } from '../gateway-wire';
import { UnreadableFeedback, type ExchangeOutcome, type ExchangePolicy } from './policy';

/** The gateway's refusals of a credit exchange, in the judge's words. */
const REFUSALS: Record<string, string> = {
  CREDIT_APPROVAL_REQUIRED: '失信联合惩戒云平台拒收：缺少院长、庭长或执行局长的有效签批',
  SIGNATURE_INVALID: '失信联合惩戒云平台拒收：缺少承办法官以备案密钥作出的有效决定签名',
  NOT_AUTHORISED: '失信联合惩戒云平台拒收：报送人不是本案承办法官',
  PURPOSE_REFUSED: '失信联合惩戒云平台拒收：案件或报送对象与法院案件管理系统不符',
  OFFICER_NOT_REGISTERED: '失信联合惩戒云平台拒收：报送人未在本院备案',
  BAD_REQUEST: '失信联合惩戒云平台拒收：报送内容不完整',
};

const PLATFORM_REJECTIONS: Record<string, string> = {
  CREDIT_RECORD_NOT_FOUND: '平台上没有可删除或解除的在列记录',
  PLATFORM_REFUSED: '失信联合惩戒云平台暂无法受理，请人工联系',
};

function feedbackOf(x: CreditExchange, a: StatusAnswer): CreditFeedback {
  const f = a.feedback as Partial<CreditFeedback> | undefined;
  if (!f || typeof f !== 'object' || (f.result !== 'accepted' && f.result !== 'rejected')) throw new UnreadableFeedback('not a credit platform acknowledgement');
  if (f.kind !== x.kind) throw new UnreadableFeedback('an acknowledgement of another kind of exchange');
  if (f.result === 'accepted' && (typeof f.platformRef !== 'string' || !f.platformRef)) throw new UnreadableFeedback('accepted without a platform reference');
  if ((f.result === 'rejected') !== (a.status === 'rejected')) throw new UnreadableFeedback('status and acknowledgement disagree');
  return f as CreditFeedback;
}

function creditPolicy(name: string): ExchangePolicy<CreditExchange, CreditSubmitBody> {
  return {
    name,
    body: (x) => ({ clientRequestId: x.id, channel: CREDIT_CHANNEL, kind: x.kind, recordId: x.recordId, subjects: x.subjects, payload: x.payload, signatures: x.signatures }),
    // the deciding judge signs the call; without his decision the gateway refuses it (OFFICER_NOT_REGISTERED)
    officerOf: (x) => x.signatures.find((s) => s.role === 'decision')?.officer ?? '',
    settle(x, a): ExchangeOutcome {
      if (a.clientRequestId !== x.id) throw new UnreadableFeedback('an answer about another request id');
      const f = feedbackOf(x, a);
      if (f.result === 'accepted') return { result: 'accepted', platformRef: f.platformRef! };
      const code = f.rejection?.code ?? a.rejection?.code ?? 'REJECTED';
      const message = f.rejection?.message ?? a.rejection?.message ?? '';
      return { result: 'rejected', code, reason: { zh: PLATFORM_REJECTIONS[code] ?? (message || '失信联合惩戒云平台不予受理'), en: `the credit platform rejected the exchange (${code})${message ? `: ${message}` : ''}` } };
    },
    refused(_x, e: GatewayHttpError): ExchangeOutcome {
      const zh = REFUSALS[e.gatewayCode] ?? '失信联合惩戒云平台拒收';
      // the gateway's message is "zh / en": the judge reads the platform's own reason, the log keeps the code
      return { result: 'rejected', code: e.gatewayCode, reason: { zh: e.gatewayMessage.includes(' / ') ? `${zh}（${e.gatewayMessage.split(' / ')[0]}）` : zh, en: `the credit platform's gateway refused it: ${e.gatewayCode} ${e.gatewayMessage}` } };
    },
  };
}

/** listing.publish and listing.remove: the dishonest list (docs/domain.md rule 8) */
export const listingPolicy = creditPolicy('listing');
/** restriction.issue and restriction.lift: the consumption restriction (docs/domain.md rule 9) */
export const restrictionPolicy = creditPolicy('restriction');

/** The policy of an exchange by its kind. */
export const creditPolicyFor = (x: Pick<CreditExchange, 'kind'>) => (x.kind.startsWith('listing.') ? listingPolicy : restrictionPolicy);

/** One runner sends both: each exchange goes by the policy of its kind. */
export const creditExchangePolicy: ExchangePolicy<CreditExchange, CreditSubmitBody> = {
  name: 'credit',
  body: (x) => creditPolicyFor(x).body(x),
  officerOf: (x) => creditPolicyFor(x).officerOf(x),
  settle: (x, a) => creditPolicyFor(x).settle(x, a),
  refused: (x, e) => creditPolicyFor(x).refused(x, e),
};
