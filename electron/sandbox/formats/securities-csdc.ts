/**
 * 中国结算: positions per securities account; quantity as a string, previous close in 元 with
 * four decimals, market value in 元 (quantity × previous close).
 */
import { withDuplicate, yuan, yuan4 } from './render-util';
import type { FeedbackFormatter } from './types';

export const csdcFormatter: FeedbackFormatter = {
  channel: 'securities.csdc',
  render({ subject, duplicate, gatewayRef }) {
    const positions = withDuplicate((subject?.holdings.securities ?? []).map((h) => ({
      secAcct: h.account,
      custodian: h.custodian,
      secCode: h.code,
      secName: h.name,
      qty: String(h.shares),
      prevClose: yuan4(h.prevClose),
      mktValue: yuan(h.shares * h.prevClose),
    })), duplicate);
    return {
      header: { status: '00', desc: positions.length ? '查询成功' : '无持有记录', queryNo: `CSDC-${gatewayRef}` },
      positions,
    };
  },
};
