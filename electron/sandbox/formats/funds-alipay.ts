/**
 * 支付宝: the answer sits under a response key with snake_case fields; amounts in 元 strings;
 * the platform reports available and frozen parts, not the total.
 */
import { frozenAndAvailable, withDuplicate, yuan } from './render-util';
import type { FeedbackFormatter } from './types';

export const alipayFormatter: FeedbackFormatter = {
  channel: 'funds.alipay',
  render({ subject, duplicate, gatewayRef }) {
    const accounts = subject?.holdings.onlineFunds.filter((a) => a.platform === 'funds.alipay') ?? [];
    const list = withDuplicate(accounts.map((a) => {
      const { frozen, available } = frozenAndAvailable(a.balance, a.freezes);
      return {
        user_id: a.accountId,
        logon_id: a.login,
        available_amount: yuan(available),
        freeze_amount: yuan(frozen),
        freeze_details: a.freezes.map((f) => ({ court_name: f.court, doc_no: f.caseNumber, amount: yuan(f.amount ?? 0), end_date: f.until })),
      };
    }), duplicate);
    return {
      alipay_judicial_account_query_response: { code: '10000', msg: 'Success', out_request_no: gatewayRef, account_list: list },
      sign: Buffer.from(`${gatewayRef}:${list.length}`).toString('base64'),
    };
  },
};
