/** 保险 feedback: policyList; money as {value, unit:"fen"}. The record's amount is the annual premium. */
import type { ChannelAdapter } from '../types';
import { fenToYuanString } from '../../../shared/money';
import { findings, type FoundInfo } from './findings';
import { dedupe, Strict } from './strict';

const s = new Strict('insurance.cbirc');

function fenMoney(v: unknown, path: string): number {
  const m = s.obj(v, path);
  s.literal(m.unit, 'fen', `${path}.unit`);
  return s.fen(m.value, `${path}.value`);
}

export const insuranceAdapter: ChannelAdapter = {
  channel: 'insurance.cbirc',
  limits: { concurrency: 3, ratePerSecond: 4, timeoutMs: 15_000, pollIntervalMs: 2_000, maxPolls: 30, maxAttempts: 4 },
  queryParams: () => ({}),
  normalize(feedback) {
    const fb = s.obj(feedback, 'feedback');
    s.literal(fb.responseCode, 'S0000', 'responseCode');
    const info = s.arr(fb.policyList, 'policyList').map((x, i): FoundInfo => {
      const p = `policyList[${i}]`;
      const r = s.obj(x, p);
      const premium = fenMoney(r.annualPremium, `${p}.annualPremium`);
      const cash = fenMoney(r.cashValue, `${p}.cashValue`);
      return {
        kind: 'insurance',
        summary: `${s.text(r.companyName, `${p}.companyName`)} ${s.text(r.productName, `${p}.productName`)}，保单号 ${s.text(r.policyNo, `${p}.policyNo`)}，` +
          `年交保费 ${fenToYuanString(premium)}元，现金价值 ${fenToYuanString(cash)}元，生效日 ${s.date(r.effectiveDate, 'iso', `${p}.effectiveDate`)}，${s.text(r.policyStatus, `${p}.policyStatus`)}`,
        amount: premium,
      };
    });
    return findings({ info: dedupe(s, info, (r) => JSON.stringify(r), 'policyList') });
  },
};
