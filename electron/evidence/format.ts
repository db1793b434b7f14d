/**
 * The signed evidence package of one case (docs/audit.md, "The evidence package"): its parts, the
 * manifest that names each part by the SHA-256 of its canonical JSON, and the text the exporting
 * officer signs. The exporter (electron/services/evidence.ts) and the offline verifier
 * (electron/evidence/verify.ts) both build digests and the signed text here, so they cannot
 * disagree on them. Plain Node, no store: the verifier is bundled alone.
 */
import { canonicalJson } from '../../shared/canonical-json';
import type { SignedReceipt, GatewayKey } from '../gateway/checkpoint-receipt';
import { sha256Hex } from '../gateway/signing';

export { sha256Hex };

export const EVIDENCE_FORMAT = 'chakong-evidence';
export const EVIDENCE_VERSION = 1;

/** The parts, in the order the verifier reports them. */
export const PART_NAMES = ['case', 'requests', 'measures', 'documents', 'audit', 'checkpoint'] as const;
export type PartName = (typeof PART_NAMES)[number];

export const PART_LABELS: Record<PartName, { zh: string; en: string }> = {
  case: { zh: '案件与当事人', en: 'the case and its parties' },
  requests: { zh: '查询请求与答复', en: 'the queries and their answers' },
  measures: { zh: '控制措施', en: 'the measures' },
  documents: { zh: '法律文书', en: 'the documents' },
  audit: { zh: '审计记录', en: 'the audit entries' },
  checkpoint: { zh: '网关检查点', en: 'the gateway checkpoint' },
};

/**
 * One place of the audit chain from `audit.from` to `audit.through`. An entry of this case carries
 * its content (`entry`), so its hash is recomputed; an entry of another case only its link
 * (prevHash, hash), so the chain can be followed without another case's trail.
 */
export interface ChainItem {
  seq: number;
  prevHash: string;
  hash: string;
  entry?: {
    at: string; officer: string; action: string; caseId?: string; caseNumber?: string;
    subject?: string; legalBasis?: string; detail: string;
  };
}

export interface AuditPart {
  /** the first and last sequence numbers held */
  from: number;
  through: number;
  chain: ChainItem[];
  /** the whole store's chain as the exporting workstation walked it before exporting */
  storeChain: { ok: boolean; entries: number; brokenAt?: number };
}

export interface CheckpointPart {
  storeId: string;
  /** the gateway's key pinned in the store at the first contact */
  gatewayKey?: GatewayKey;
  /** the newest receipt the gateway signed for this store; absent when none was acknowledged yet */
  receipt?: SignedReceipt;
  acknowledgedAt?: string;
}

export interface RequestItem {
  request: Record<string, unknown> & { id: string; channel: string };
  /** every body sent and answer received, verbatim with its SHA-256 as stored */
  exchanges: { direction: string; method: string; path: string; httpStatus?: number; body: string; sha256: string; at: string }[];
  /** the agency's answer as stored, with its SHA-256 */
  answer?: { raw: string; sha256: string; receivedAt: string };
}

export interface MeasureItem {
  measure: Record<string, unknown> & { id: string; kind: string; state: string };
  history: unknown[];
  exchanges: { direction: string; at: string; text: string; sha256: string }[];
  approvals: unknown[];
  balanceChecks: unknown[];
}

export interface DocumentItem {
  ref: Record<string, unknown> & { id: string; number: string; sha256: string };
  content: unknown;
  /** the PDF as kept in the store */
  pdfBase64?: string;
}

export interface EvidenceParts {
  /** the case with its parties, and the whereabouts findings in force */
  case: { case: Record<string, unknown> & { id: string; number: string }; whereaboutsFindings: unknown[] };
  requests: RequestItem[];
  measures: MeasureItem[];
  documents: DocumentItem[];
  audit: AuditPart;
  checkpoint: CheckpointPart;
}

export interface EvidenceManifest {
  format: typeof EVIDENCE_FORMAT;
  version: typeof EVIDENCE_VERSION;
  exportedAt: string;
  storeId: string;
  case: { id: string; number: string; court: string };
  exportedBy: { code: string; name: string; role: string };
  /** the exporting officer's signing key, as registered with the network's officer register */
  signer: { officer: string; keyId: string; alg: 'Ed25519'; publicKey: string };
  parts: Record<PartName, { sha256: string }>;
  rule: string;
}

export interface EvidencePackage {
  manifest: EvidenceManifest;
  /** base64 Ed25519 signature over manifestText(manifest) */
  signature: string;
  parts: EvidenceParts;
}

export const SIGNING_RULE =
  'signature = Ed25519(canonicalJson(manifest)); parts[p].sha256 = sha256(canonicalJson(parts[p])); canonical JSON: keys sorted, no whitespace';

export function partDigest(part: unknown): string {
  return sha256Hex(canonicalJson(part));
}

/** The exact text the officer signs. */
export function manifestText(m: EvidenceManifest): string {
  return canonicalJson(m);
}

/** The file as written: the whole package as canonical JSON, one line. */
export function packageText(p: EvidencePackage): string {
  return `${canonicalJson(p)}\n`;
}
