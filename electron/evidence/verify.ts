/**
 * Offline verification of an evidence package (docs/audit.md, "The evidence package"): every part
 * against its digest in the manifest, the manifest against the officer's signature (and, given
 * his key from the officer register, against that key), each answer, exchange and document against
 * the digest it was stored with, the case's audit entries as an unbroken stretch of the chain, and
 * that stretch against the checkpoint the gateway signed. Needs nothing but the file (and the key).
 */
import { createPublicKey } from 'node:crypto';
import { verifyReceipt } from '../gateway/checkpoint-receipt';
import { verifyText } from '../gateway/ed25519';
import { signedText } from '../gateway/measure-signatures';
import { GENESIS_HASH, entryHash } from '../store/audit';
import {
  EVIDENCE_FORMAT, EVIDENCE_VERSION, PART_LABELS, PART_NAMES, manifestText, partDigest, sha256Hex,
  type AuditPart, type CheckpointPart, type EvidencePackage, type PartName,
} from './format';

export type ProblemCode =
  | 'UNREADABLE' | 'FORMAT' | 'PART_CHANGED' | 'ANSWER_CHANGED' | 'EXCHANGE_CHANGED' | 'DOCUMENT_CHANGED'
  | 'BAD_SIGNATURE' | 'KEY_MISMATCH' | 'KEY_UNREADABLE' | 'CASE_MISMATCH' | 'MEASURE_SIGNATURE_BAD'
  | 'ENTRY_EDITED' | 'ENTRY_REMOVED' | 'LINK_BROKEN' | 'STORE_CHAIN_BROKEN'
  | 'RECEIPT_FORGED' | 'CHECKPOINT_OTHER_STORE' | 'CHECKPOINT_MISMATCH' | 'CHECKPOINT_NOT_COVERED';

export interface EvidenceProblem {
  code: ProblemCode;
  part?: PartName;
  seq?: number;
  zh: string;
  en: string;
}

export interface EvidenceReport {
  ok: boolean;
  caseNumber?: string;
  exportedAt?: string;
  exportedBy?: string;
  keyId?: string;
  /** a public key was given and the package was signed with it */
  keyChecked: boolean;
  /** the exporting officer's own signatures on measures, checked against the body sent */
  measureSignatures: number;
  /** the case's own entries, and the stretch of the chain they sit in */
  caseEntries: number;
  chain?: { from: number; through: number };
  /** entries 1 … N are what the gateway acknowledged (receipt verified, hash at N matches) */
  anchoredThrough?: number;
  anchoredAt?: string;
  problems: EvidenceProblem[];
  notes: { zh: string; en: string }[];
}

const problem = (code: ProblemCode, zh: string, en: string, more: { part?: PartName; seq?: number } = {}): EvidenceProblem => ({ code, zh, en, ...more });

/** The SPKI DER (base64) of a PEM or base64-DER Ed25519 public key; undefined if it is not one. */
export function spkiOf(keyText: string): string | undefined {
  try {
    const t = keyText.trim();
    const k = t.includes('-----BEGIN') ? createPublicKey(t) : createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' });
    return k.asymmetricKeyType === 'ed25519' ? k.export({ type: 'spki', format: 'der' }).toString('base64') : undefined;
  } catch {
    return undefined;
  }
}

function checkParts(pkg: EvidencePackage, out: EvidenceProblem[]): void {
  for (const p of PART_NAMES) {
    const want = pkg.manifest.parts?.[p]?.sha256;
    if (pkg.parts[p] === undefined || partDigest(pkg.parts[p]) !== want) {
      const l = PART_LABELS[p];
      out.push(problem('PART_CHANGED', `“${l.zh}”部分与清单中的摘要不符：该部分已被改动`, `${l.en} no longer match the manifest's digest: the part was changed`, { part: p }));
    }
  }
  if (pkg.parts.case?.case?.id !== pkg.manifest.case.id) {
    out.push(problem('CASE_MISMATCH', '案件部分与清单所载案件不符', 'the case part is not the case the manifest names', { part: 'case' }));
  }
}

function checkSignature(pkg: EvidencePackage, key: string | undefined, out: EvidenceProblem[]): boolean {
  const s = pkg.manifest.signer;
  if (!verifyText(s.publicKey, manifestText(pkg.manifest), pkg.signature)) {
    out.push(problem('BAD_SIGNATURE', `清单的签名无效：不是干警 ${s.officer} 的密钥 ${s.keyId} 所签，或清单已被改动`, `the manifest's signature does not verify with ${s.officer}'s key ${s.keyId}, or the manifest was changed`));
  }
  if (key === undefined) return false;
  const given = spkiOf(key);
  if (!given) {
    out.push(problem('KEY_UNREADABLE', '所给公钥文件无法读取，或不是 Ed25519 公钥', 'the public key file given cannot be read or is not an Ed25519 key'));
    return false;
  }
  if (given !== s.publicKey || !verifyText(given, manifestText(pkg.manifest), pkg.signature)) {
    out.push(problem('KEY_MISMATCH', `证据包不是用所给干警公钥签名的（包内签名人 ${s.officer}，密钥 ${s.keyId}）`, `the package was not signed with the key given (the package names ${s.officer}, key ${s.keyId})`));
    return false;
  }
  return true;
}

/** Each answer, exchange and PDF against the digest it was stored with: names the one changed. */
function checkItems(pkg: EvidencePackage, out: EvidenceProblem[]): void {
  for (const r of pkg.parts.requests ?? []) {
    if (r.answer && sha256Hex(r.answer.raw) !== r.answer.sha256) {
      out.push(problem('ANSWER_CHANGED', `查询请求 ${r.request.id}（${r.request.channel}）的答复与其存证摘要不符`, `the answer to request ${r.request.id} (${r.request.channel}) does not match its stored digest`, { part: 'requests' }));
    }
    if ((r.exchanges ?? []).some((x) => sha256Hex(x.body) !== x.sha256)) {
      out.push(problem('EXCHANGE_CHANGED', `查询请求 ${r.request.id} 的往来报文与其存证摘要不符`, `an exchange of request ${r.request.id} does not match its stored digest`, { part: 'requests' }));
    }
  }
  for (const m of pkg.parts.measures ?? []) {
    if ((m.exchanges ?? []).some((x) => sha256Hex(x.text) !== x.sha256)) {
      out.push(problem('EXCHANGE_CHANGED', `措施 ${m.measure.id} 的往来报文与其存证摘要不符`, `an exchange of measure ${m.measure.id} does not match its stored digest`, { part: 'measures' }));
    }
  }
  for (const d of pkg.parts.documents ?? []) {
    if (d.pdfBase64 !== undefined && sha256Hex(Buffer.from(d.pdfBase64, 'base64')) !== d.ref.sha256) {
      out.push(problem('DOCUMENT_CHANGED', `文书 ${d.ref.number} 的内容与其摘要不符`, `document ${d.ref.number} does not match its digest`, { part: 'documents' }));
    }
  }
}

/**
 * The exporting officer's own signatures on the measures (a decision, an approval) over the body
 * first sent to the agency (docs/authority.md, "Approvals that cannot be forged"). Others' are
 * kept in the package but need their keys from the officer register; they are not counted here.
 */
function checkMeasureSignatures(pkg: EvidencePackage, out: EvidenceProblem[]): number {
  const s = pkg.manifest.signer;
  let checked = 0;
  for (const m of pkg.parts.measures ?? []) {
    const sent = (m.exchanges ?? []).find((x) => x.direction === 'sent');
    const own = ((m.measure.signatures ?? []) as { officer: string; keyId: string; signature: string; role: string }[])
      .filter((g) => g.officer === s.officer && g.keyId === s.keyId);
    if (!sent || own.length === 0) continue;
    let text: string;
    try {
      text = signedText(JSON.parse(sent.text) as object);
    } catch {
      text = '';
    }
    for (const g of own) {
      checked++;
      if (!text || !verifyText(s.publicKey, text, g.signature)) {
        out.push(problem('MEASURE_SIGNATURE_BAD', `措施 ${m.measure.id} 上干警 ${s.officer} 的签名与发送的报文不符`, `${s.officer}'s signature on measure ${m.measure.id} does not match the body sent`, { part: 'measures' }));
      }
    }
  }
  return checked;
}

/** The stretch of the chain: no number missing, each entry linked to the one before, the case's entries whole. */
function checkChain(a: AuditPart, out: EvidenceProblem[]): boolean {
  const before = out.length;
  let expected = a.from;
  let prev: string | undefined = a.from === 1 ? GENESIS_HASH : undefined;
  for (const item of a.chain) {
    if (item.seq !== expected) {
      out.push(problem('ENTRY_REMOVED', `第 ${expected} 条审计记录缺失：记录被删除`, `audit entry ${expected} is missing: an entry was removed`, { part: 'audit', seq: expected }));
      prev = undefined;
    } else if (prev !== undefined && item.prevHash !== prev) {
      out.push(problem('LINK_BROKEN', `第 ${item.seq} 条审计记录与前一条不相链接`, `audit entry ${item.seq} is not linked to the one before`, { part: 'audit', seq: item.seq }));
    }
    if (item.entry && entryHash(item.prevHash, { seq: item.seq, ...item.entry }) !== item.hash) {
      out.push(problem('ENTRY_EDITED', `第 ${item.seq} 条审计记录的内容被改动，与其哈希不符`, `audit entry ${item.seq} was changed: it no longer matches its hash`, { part: 'audit', seq: item.seq }));
    }
    prev = item.hash;
    expected = item.seq + 1;
  }
  if (a.through >= a.from && expected !== a.through + 1) {
    out.push(problem('ENTRY_REMOVED', `审计记录末尾被截去：应至第 ${a.through} 条`, `the audit entries were cut: they should run to ${a.through}`, { part: 'audit', seq: expected }));
  }
  if (!a.storeChain?.ok) {
    out.push(problem('STORE_CHAIN_BROKEN', `导出时本机审计记录链已断裂（第 ${a.storeChain?.brokenAt ?? '?'} 条）`, `the workstation's audit chain was broken when exported (at ${a.storeChain?.brokenAt ?? '?'})`, { part: 'audit' }));
  }
  return out.length === before;
}

/** The gateway's receipt: signed by its key, for this store, and saying the hash the chain holds at its number. */
function checkCheckpoint(pkg: EvidencePackage, c: CheckpointPart, chainOk: boolean, r: EvidenceReport): void {
  if (!c.receipt) {
    r.notes.push({ zh: '证据包中没有网关确认的检查点：审计记录仅由哈希链保护', en: 'no checkpoint acknowledged by the gateway: the entries are protected by the chain only' });
    return;
  }
  const rec = c.receipt.receipt;
  if (!c.gatewayKey || !verifyReceipt(c.gatewayKey, c.receipt)) {
    r.problems.push(problem('RECEIPT_FORGED', `第 ${rec.seq} 条的检查点回执不是网关密钥所签`, `the checkpoint receipt for entry ${rec.seq} was not signed by the gateway's key`, { part: 'checkpoint', seq: rec.seq }));
    return;
  }
  if (rec.storeId !== pkg.manifest.storeId || c.storeId !== pkg.manifest.storeId) {
    r.problems.push(problem('CHECKPOINT_OTHER_STORE', '检查点回执属于另一台工作站的审计记录', 'the checkpoint receipt is for another workstation’s log', { part: 'checkpoint' }));
    return;
  }
  const at = pkg.parts.audit.chain.find((i) => i.seq === rec.seq);
  if (!at) {
    r.problems.push(problem('CHECKPOINT_NOT_COVERED', `证据包中没有网关确认的第 ${rec.seq} 条审计记录`, `the package does not hold entry ${rec.seq}, which the gateway acknowledged`, { part: 'audit', seq: rec.seq }));
  } else if (at.hash !== rec.head) {
    r.problems.push(problem('CHECKPOINT_MISMATCH', `第 ${rec.seq} 条审计记录与网关确认的哈希不符：记录被改写`, `entry ${rec.seq} differs from what the gateway acknowledged: the log was rewritten`, { part: 'audit', seq: rec.seq }));
  } else if (chainOk) {
    r.anchoredThrough = rec.seq;
    r.anchoredAt = rec.receivedAt;
    const after = pkg.parts.audit.through - rec.seq;
    if (after > 0) r.notes.push({ zh: `其后 ${after} 条记录尚待网关确认，仅由哈希链保护`, en: `the ${after} entries after it await the gateway's acknowledgement and are protected by the chain only` });
  }
}

function parse(text: string): EvidencePackage | EvidenceProblem {
  let pkg: EvidencePackage;
  try {
    pkg = JSON.parse(text) as EvidencePackage;
  } catch {
    return problem('UNREADABLE', '文件不是可读取的证据包（JSON 无法解析）', 'the file is not a readable package (not JSON)');
  }
  const m = pkg?.manifest;
  if (m?.format !== EVIDENCE_FORMAT || m.version !== EVIDENCE_VERSION || !pkg.parts || !m.signer || !m.case || !m.exportedBy || typeof pkg.signature !== 'string') {
    return problem('FORMAT', '文件不是本程序导出的证据包，或其版本不受支持', 'the file is not an evidence package of this program, or of an unsupported version');
  }
  return pkg;
}

/** Verifies a package's text; `publicKey` is the officer's key from the register (PEM or base64 DER). */
export function verifyEvidence(text: string, opts: { publicKey?: string } = {}): EvidenceReport {
  const r: EvidenceReport = { ok: false, keyChecked: false, measureSignatures: 0, caseEntries: 0, problems: [], notes: [] };
  const pkg = parse(text);
  if ('code' in pkg) return { ...r, problems: [pkg] };
  const m = pkg.manifest;
  Object.assign(r, { caseNumber: m.case.number, exportedAt: m.exportedAt, exportedBy: `${m.exportedBy.name}（${m.exportedBy.code}）`, keyId: m.signer.keyId });
  try {
    checkParts(pkg, r.problems);
    r.keyChecked = checkSignature(pkg, opts.publicKey, r.problems);
    checkItems(pkg, r.problems);
    r.measureSignatures = checkMeasureSignatures(pkg, r.problems);
    const a = pkg.parts.audit;
    r.chain = { from: a.from, through: a.through };
    r.caseEntries = a.chain.filter((i) => i.entry).length;
    checkCheckpoint(pkg, pkg.parts.checkpoint, checkChain(a, r.problems), r);
  } catch {
    // a part whose shape was changed is a changed part: say so rather than fail
    r.problems.push(problem('FORMAT', '证据包的结构被改动，无法逐项校验', 'the package’s structure was changed and cannot be checked item by item'));
  }
  r.ok = r.problems.length === 0;
  return r;
}
