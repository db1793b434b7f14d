/**
 * The wire of a directed valuation inquiry (定向询价, docs/distribution.md): what the court sends the
 * tax authority's desk and what the desk answers (POST /gw/v1/valuations, GET /gw/v1/valuations/{id}).
 */
import { z } from 'zod';

export const VALUATIONS_PATH = '/gw/v1/valuations';

export const valuationBodySchema = z.object({
  clientRequestId: z.string().min(8).max(64),
  caseNumber: z.string().min(1).max(40),
  idNumber: z.string().min(15).max(18),
  unitNumber: z.string().min(1).max(40),
  location: z.string().max(200).optional(),
  areaCentiM2: z.number().int().positive().max(10_000_000).optional(),
  usage: z.string().max(20).optional(),
}).strict();
export type ValuationBody = z.infer<typeof valuationBodySchema>;

export const valuationStatusSchema = z.object({
  id: z.string(),
  state: z.enum(['accepted', 'answered', 'refused']),
  referencePrice: z.number().int().positive().optional(),
  validUntil: z.string().optional(),
  authority: z.string().optional(),
  reason: z.string().optional(),
});

