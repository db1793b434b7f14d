/**
 * The wire of whereabouts monitoring and of the railway police's 协助临时控制 (docs/gateway-protocol.md,
 * "Whereabouts monitoring" and "Railway police"): one schema per body and answer, used by the
 * workstation and by the sandbox alike, and the text a control request is signed over.
 */
import { z } from 'zod';
import { canonicalJson } from '../../shared/canonical-json';

export const SIGHTING_KIND_VALUES = ['hotel', 'rail', 'air', 'exit-entry', 'grid'] as const;

const finding = z.object({ ground: z.enum(['evading', 'missing']), recordedAt: z.string().min(1).max(40) }).strict();

export const subscribeBodySchema = z.object({
  caseNumber: z.string().min(1).max(64),
  idNumber: z.string().min(15).max(18),
  finding,
}).strict();
export type SubscribeBody = z.infer<typeof subscribeBodySchema>;

export const unsubscribeBodySchema = z.object({ caseNumber: z.string().min(1).max(64), idNumber: z.string().min(15).max(18) }).strict();

export const subscriptionAnswerSchema = z.object({
  id: z.string(), caseNumber: z.string(), since: z.string(), endedAt: z.string().optional(),
}).passthrough();

export const sightingWireSchema = z.object({
  cursor: z.string(), ref: z.string(), caseNumber: z.string(), idNumber: z.string(), kind: z.enum(SIGHTING_KIND_VALUES),
  source: z.string(), place: z.string(), detail: z.string(), at: z.string(),
});
export type SightingWire = z.infer<typeof sightingWireSchema>;
export const sightingPageSchema = z.object({ items: z.array(sightingWireSchema), next: z.string() });

const signature = z.object({ role: z.enum(['decision', 'approval']), officer: z.string(), keyId: z.string(), signature: z.string() }).strict();

/** POST /gw/v1/railway-police/controls */
export const controlBodySchema = z.object({
  clientRequestId: z.string().min(8).max(64),
  caseNumber: z.string().min(1).max(64),
  idNumber: z.string().min(15).max(18),
  sightingRef: z.string().min(1).max(64),
  /** the 协助临时控制通知书 sent with it */
  document: z.object({ number: z.string().min(1).max(80), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  signatures: z.array(signature).max(4),
}).strict();
export type ControlBody = z.infer<typeof controlBodySchema>;

export const controlStatusSchema = z.object({
  id: z.string(), caseNumber: z.string(), state: z.enum(['accepted', 'controlled', 'not_found']), acceptedAt: z.string(), station: z.string().optional(),
});
export type ControlStatus = z.infer<typeof controlStatusSchema>;

/** What the judge's decision signature covers: the request without its signatures, in canonical JSON. */
export function controlSignedText(b: Omit<ControlBody, 'signatures'>): string {
  return canonicalJson({ clientRequestId: b.clientRequestId, caseNumber: b.caseNumber, idNumber: b.idNumber, sightingRef: b.sightingRef, document: b.document });
}
