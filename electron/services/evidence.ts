/**
 * The signed evidence package of one case (docs/audit.md, "The evidence package"): the case and
 * its parties, every query with its answer as stored, every measure with its history, signatures
 * and approvals, the documents with their PDFs, the case's audit entries in their place in the
 * chain, and the newest checkpoint the gateway acknowledged. Each part is named in a manifest by
 * the SHA-256 of its canonical JSON, and the manifest is signed with the exporting officer's own
 * key (docs/keys.md). The package holds personal data in plaintext: it is written only by the
 * audited `evidence.export` the officer chose, never by a background job.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/app-failure';
import type { Officer } from '../../shared/domain/types';
import {
  EVIDENCE_FORMAT, EVIDENCE_VERSION, PART_NAMES, SIGNING_RULE, manifestText, packageText, partDigest, sha256Hex,
  type AuditPart, type CheckpointPart, type DocumentItem, type EvidenceManifest, type EvidencePackage, type EvidenceParts,
  type MeasureItem, type PartName, type RequestItem,
} from '../evidence/format';
import { signText } from '../gateway/ed25519';
import type { SecureStore } from '../store';
import type { StoredCase } from '../store/cases';
import type { OfficerKeys } from '../store/credential';

function requestItems(store: SecureStore, caseId: string): RequestItem[] {
  return store.requests.listForCase(caseId).map((r) => {
    const answer = store.requests.feedbackOf(r.id);
    const exchanges = store.requests.exchangesOf(r.id).map(({ requestId: _id, ...x }) => x);
    return { request: { ...r }, exchanges, ...(answer ? { answer } : {}) };
  });
}

function measureItems(store: SecureStore, caseId: string): MeasureItem[] {
  return store.measures.listForCase(caseId).map((m) => ({
    measure: { ...m },
    history: store.measures.history(m.id),
    exchanges: store.measures.exchangesOf(m.id).map(({ measureId: _id, ...x }) => x),
    approvals: store.approvals.listFor(m.id),
    balanceChecks: m.kind === 'freeze' ? store.balanceChecks.list(m.id) : [],
  }));
}

function documentItems(store: SecureStore, caseId: string): DocumentItem[] {
  return store.documents.listForCase(caseId).map((d) => {
    const pdf = store.documents.pdf(d.id);
    return { ref: { ...d }, content: store.documents.content(d.id) ?? null, ...(pdf ? { pdfBase64: pdf.toString('base64') } : {}) };
  });
}

/**
 * The chain from the case's first entry (or the checkpoint, if older) to the newest entry: the
 * case's entries whole (by its id or its number), the others as links only, so another case's
 * trail never leaves the store.
 */
function auditPart(store: SecureStore, c: StoredCase): AuditPart {
  const head = store.audit.head()?.seq ?? 0;
  const span = store.audit.caseSpan(c.id, c.number);
  const anchored = store.auditCheckpoints.last()?.seq;
  const from = Math.max(1, Math.min(span?.first ?? head, anchored ?? head));
  const inspected = store.audit.verify();
  const chain = head === 0 ? [] : store.audit.chainRange(from, head).map(({ fields: { seq, ...entry }, prevHash, hash }) =>
    (entry.caseId === c.id || entry.caseNumber === c.number ? { seq, prevHash, hash, entry } : { seq, prevHash, hash }));
  return {
    from: head === 0 ? 0 : from,
    through: head,
    chain,
    storeChain: { ok: inspected.ok, entries: inspected.entries, ...(inspected.brokenAt !== undefined ? { brokenAt: inspected.brokenAt } : {}) },
  };
}

function checkpointPart(store: SecureStore): CheckpointPart {
  const last = store.auditCheckpoints.last();
  const key = store.auditCheckpoints.pinnedKey();
  return {
    storeId: store.auditCheckpoints.storeId(),
    ...(key ? { gatewayKey: key } : {}),
    ...(last ? { receipt: last.signed, acknowledgedAt: last.acknowledgedAt } : {}),
  };
}

export function collectParts(store: SecureStore, c: StoredCase): EvidenceParts {
  return {
    case: { case: { ...c }, whereaboutsFindings: store.whereaboutsFindings.inForce(c.id) },
    requests: requestItems(store, c.id),
    measures: measureItems(store, c.id),
    documents: documentItems(store, c.id),
    audit: auditPart(store, c),
    checkpoint: checkpointPart(store),
  };
}

/** The package of one case as the store holds it now, signed with the officer's own key. */
export function buildEvidencePackage(store: SecureStore, keys: OfficerKeys, officer: Officer, c: StoredCase, now: Date): EvidencePackage {
  if (!keys.keyId) throw new AppFailure('NOT_SIGNABLE');
  const parts = collectParts(store, c);
  const digests = Object.fromEntries(PART_NAMES.map((p) => [p, { sha256: partDigest(parts[p]) }])) as Record<PartName, { sha256: string }>;
  const manifest: EvidenceManifest = {
    format: EVIDENCE_FORMAT,
    version: EVIDENCE_VERSION,
    exportedAt: now.toISOString(),
    storeId: parts.checkpoint.storeId,
    case: { id: c.id, number: c.number, court: c.court },
    exportedBy: { code: officer.code, name: officer.name, role: officer.role },
    signer: { officer: keys.officer, keyId: keys.keyId, alg: 'Ed25519', publicKey: keys.signingPublicKey },
    parts: digests,
    rule: SIGNING_RULE,
  };
  return { manifest, signature: signText(keys.signing, manifestText(manifest)), parts };
}

export interface SavedPackage {
  path: string;
  fileName: string;
  sha256: string;
  bytes: number;
}

/** A file name without personal data: the case number and the instant. */
export function packageFileName(caseNumber: string, at: Date): string {
  const safe = caseNumber.replace(/[\\/:*?"<>|\s]/g, '_');
  return `证据包-${safe}-${at.toISOString().replace(/[:.]/g, '-')}.json`;
}

export function writeEvidencePackage(dir: string, pkg: EvidencePackage): SavedPackage {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const text = packageText(pkg);
  const fileName = packageFileName(pkg.manifest.case.number, new Date(pkg.manifest.exportedAt));
  const file = path.join(dir, fileName);
  // never over an earlier package: each export is its own file and its own audit entry
  writeFileSync(file, text, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
  return { path: file, fileName, sha256: sha256Hex(text), bytes: Buffer.byteLength(text) };
}
