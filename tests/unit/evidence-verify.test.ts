/**
 * The evidence package's format and its verifier without a store (docs/audit.md, "The evidence
 * package"): digests are of canonical JSON, so a package re-indented or with its keys reordered
 * still verifies; keys are read as PEM or base64 DER; the whole chain from the first entry starts
 * at the genesis hash.
 */
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json';
import {
  EVIDENCE_FORMAT, EVIDENCE_VERSION, PART_NAMES, SIGNING_RULE, manifestText, partDigest,
  type ChainItem, type EvidenceManifest, type EvidencePackage, type EvidenceParts, type PartName,
} from '../../electron/evidence/format';
import { spkiOf, verifyEvidence } from '../../electron/evidence/verify';
import { signText } from '../../electron/gateway/ed25519';
import { GENESIS_HASH, entryHash } from '../../electron/store/audit';

const officer = generateKeyPairSync('ed25519');
const spki = officer.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

function chain(n: number): ChainItem[] {
  const out: ChainItem[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry = { at: `2026-12-01T00:00:0${seq}.000Z`, officer: 'F1', action: 'case.read', caseId: 'c1', caseNumber: 'N1', detail: '{}' };
    const hash = entryHash(prev, { seq, ...entry });
    out.push(seq % 2 ? { seq, prevHash: prev, hash, entry } : { seq, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function pkg(): EvidencePackage {
  const parts: EvidenceParts = {
    case: { case: { id: 'c1', number: 'N1', parties: [{ name: '张三' }] }, whereaboutsFindings: [] },
    requests: [], measures: [], documents: [],
    audit: { from: 1, through: 4, chain: chain(4), storeChain: { ok: true, entries: 4 } },
    checkpoint: { storeId: 's1' },
  };
  const manifest: EvidenceManifest = {
    format: EVIDENCE_FORMAT, version: EVIDENCE_VERSION, exportedAt: '2026-12-01T00:00:09.000Z', storeId: 's1',
    case: { id: 'c1', number: 'N1', court: 'X' }, exportedBy: { code: 'F1', name: '王', role: 'judge' },
    signer: { officer: 'F1', keyId: 'K-1', alg: 'Ed25519', publicKey: spki },
    parts: Object.fromEntries(PART_NAMES.map((p) => [p, { sha256: partDigest(parts[p]) }])) as Record<PartName, { sha256: string }>,
    rule: SIGNING_RULE,
  };
  return { manifest, signature: signText(officer.privateKey, manifestText(manifest)), parts };
}

describe('verifyEvidence without a store', () => {
  it('holds for the package however it is indented or its keys ordered', () => {
    const p = pkg();
    expect(verifyEvidence(canonicalJson(p))).toMatchObject({ ok: true, caseEntries: 2, chain: { from: 1, through: 4 } });
    const reordered = JSON.stringify({ parts: p.parts, signature: p.signature, manifest: p.manifest }, null, 2);
    expect(verifyEvidence(reordered).ok).toBe(true);
    // no checkpoint: said, not failed
    expect(verifyEvidence(reordered).notes[0]!.zh).toContain('没有网关确认的检查点');
  });

  it('from entry 1 the chain starts at the genesis hash', () => {
    const p = pkg();
    p.parts.audit.chain[0]!.prevHash = 'f'.repeat(64);
    p.manifest.parts.audit.sha256 = partDigest(p.parts.audit);
    p.signature = signText(officer.privateKey, manifestText(p.manifest));
    expect(verifyEvidence(JSON.stringify(p)).problems.map((x) => x.code)).toEqual(['LINK_BROKEN', 'ENTRY_EDITED']);
  });

  it('reads a key as PEM or base64 DER, and refuses anything else', () => {
    const pem = officer.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(spkiOf(pem)).toBe(spki);
    expect(spkiOf(spki)).toBe(spki);
    expect(spkiOf('not a key')).toBeUndefined();
    expect(spkiOf(generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBeUndefined();
    expect(verifyEvidence(JSON.stringify(pkg()), { publicKey: pem })).toMatchObject({ ok: true, keyChecked: true });
    expect(verifyEvidence(JSON.stringify(pkg()), { publicKey: 'junk' }).problems.map((x) => x.code)).toEqual(['KEY_UNREADABLE']);
  });

  it('a package whose structure was broken is named, not thrown', () => {
    const p = pkg() as unknown as { parts: { audit: { chain: unknown } } };
    p.parts.audit.chain = 'gone';
    expect(verifyEvidence(JSON.stringify(p)).problems.map((x) => x.code)).toEqual(expect.arrayContaining(['PART_CHANGED', 'FORMAT']));
    expect(verifyEvidence('{"manifest":{}}').problems.map((x) => x.code)).toEqual(['FORMAT']);
  });
});
