/**
 * A debtor's own payment (自动履行, docs/domain.md rule 1, "What is recovered"): recorded by the
 * case's judge or a clerk of his team, never edited; a reversal is its own record with a reason.
 */
import type { IsoDate } from '../dates';
import type { Fen } from '../money';

export const PAYMENT_METHODS = ['court-account', 'applicant', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, { zh: string; en: string }>> = {
  'court-account': { zh: '交至法院执行款专户', en: 'paid into the court’s account' },
  applicant: { zh: '直接交付申请执行人（申请执行人确认）', en: 'paid to the applicant directly (the applicant confirms)' },
  other: { zh: '其他方式', en: 'another way' },
};

export interface DebtorPayment {
  id: string;
  caseId: string;
  partyId: string;
  amount: Fen;
  paidOn: IsoDate;
  method: PaymentMethod;
  note?: string;
  recordedBy: string;
  recordedAt: string;
  /** set once the payment is reversed */
  reversal?: { id: string; reason: string; by: string; at: string };
}

export interface CasePayments {
  payments: DebtorPayment[];
  /** fen still owed after everything recovered (the one cap formula, as of today) */
  outstanding: Fen;
  /** today on the program's clock (the sandbox's in sandbox mode): the latest day a payment may bear */
  today: IsoDate;
}
