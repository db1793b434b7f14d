/**
 * The ticketing platform's breach feed on the wire (docs/gateway-protocol.md, "Restriction
 * breaches"): each booking refused under one of the court's consumption restrictions, by cursor.
 */
import { z } from 'zod';
import { RESTRICTION_KINDS, type RestrictionKind } from '../../shared/rules/restriction';

export const breachItemSchema = z.object({
  cursor: z.string().regex(/^\d{1,12}$/),
  bookingRef: z.string().min(1).max(40),
  idNumber: z.string().min(1).max(18),
  mode: z.enum(['air', 'rail', 'ship', 'hotel']),
  kind: z.enum(RESTRICTION_KINDS as [RestrictionKind, ...RestrictionKind[]]),
  trainNo: z.string().max(10).optional(),
  flightNo: z.string().max(40).optional(),
  seat: z.string().max(10).optional(),
  stars: z.number().int().min(0).max(5).optional(),
  caseNumber: z.string().max(64),
  restrictionRef: z.string().max(40),
  clientRequestId: z.string().max(64),
  at: z.string().max(40),
}).strict();
export type BreachItem = z.infer<typeof breachItemSchema>;

export const breachPageSchema = z.object({ items: z.array(breachItemSchema).max(500), next: z.string().max(40) }).strict();
export type BreachPage = z.infer<typeof breachPageSchema>;
