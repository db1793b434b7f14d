/**
 * The banks' push of money arriving (docs/gateway-protocol.md, "Inflows"): what the gateway and the
 * workstation both read, one source for the wire shape. A court asks the gateway to watch a known
 * account of a debtor of one of its cases; the feed then lists, by cursor, every sum credited to an
 * account the court watches or holds a freeze on, with the balance after it.
 */
import { z } from 'zod';

export const inflowItemSchema = z.object({
  cursor: z.string().min(1).max(40),
  /** the bank's reference of the credit: one per sum */
  ref: z.string().min(1).max(64),
  channel: z.string().min(1).max(40),
  /** the holder's ID number or credit code */
  owner: z.string().min(1).max(18),
  assetIdentifier: z.string().min(1).max(64),
  amount: z.number().int().positive(),
  balanceAfter: z.number().int().min(0),
  at: z.string().min(1).max(40),
}).strict();
export type InflowItem = z.infer<typeof inflowItemSchema>;

export const inflowPageSchema = z.object({ items: z.array(inflowItemSchema).max(500), next: z.string().max(40) }).strict();
export type InflowPage = z.infer<typeof inflowPageSchema>;

export const inflowWatchSchema = z.object({
  caseNumber: z.string().min(1).max(40),
  accounts: z.array(z.object({ channel: z.string().min(1).max(40), owner: z.string().min(1).max(18), assetIdentifier: z.string().min(1).max(64) }).strict()).min(1).max(100),
}).strict();
export type InflowWatch = z.infer<typeof inflowWatchSchema>;

export const inflowWatchAnswerSchema = z.object({ watching: z.number().int().min(0) }).strict();
