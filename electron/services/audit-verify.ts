/**
 * Verifies the audit log the way nobody on the workstation can fake (docs/audit.md): the chain
 * walked entry by entry; every receipt kept here checked against the gateway key pinned at the
 * first contact; and, online, the gateway's own book of checkpoints fetched and compared, so that
 * deleting receipts here hides nothing and a chain shorter than the last acknowledged checkpoint
 * shows. Reads only: nothing is written, nothing pinned.
 */
import type { AuditProblem, AuditProblemCode, AuditVerification } from '../../shared/domain/audit';
import { sameKey, verifyReceipt, type GatewayKey, type SignedReceipt } from '../gateway/checkpoint-receipt';
import type { SecureStore } from '../store';
import type { ChainFault, ChainInspection } from '../store/audit';
import type { CheckpointClient } from './audit-anchor';

type Words = { zh: string; en: string };

/** The judge's words for each problem (docs/audit.md, "Problems"). */
const WORDS: Record<AuditProblemCode, (seq: number, x: { from?: number; entries?: number }) => Words> = {
  EDITED: (s) => ({ zh: `第 ${s} 条记录的内容被改动，与其哈希不符`, en: `entry ${s} was altered: its content no longer matches its hash` }),
  REMOVED: (s) => ({ zh: `第 ${s} 条记录被删除`, en: `entry ${s} was removed` }),
  REORDERED: (s) => ({ zh: `第 ${s} 条记录被调换了位置`, en: `entry ${s} was moved out of its place in the chain` }),
  REHASHED: (s, x) => (x.from === undefined
    ? { zh: `第 ${s} 条记录被改动并重新计算了哈希`, en: `entry ${s} was altered and given a new hash` }
    : {
      zh: `审计记录被改写并重新计算了哈希：第 ${x.from}–${s} 条与网关确认的不符`,
      en: `the log was rewritten and re-hashed: entries ${x.from}–${s} differ from what the gateway acknowledged`,
    }),
  TAIL_CUT: (s, x) => ({
    zh: `审计记录末尾被截去：网关已确认至第 ${s} 条，本机只有 ${x.entries ?? 0} 条`,
    en: `the end of the log was cut off: the gateway acknowledged entry ${s}, this workstation holds ${x.entries ?? 0}`,
  }),
  RECEIPT_FORGED: (s) => ({ zh: `第 ${s} 条的确认回执不是网关签发的`, en: `the receipt for entry ${s} was not signed by the gateway` }),
  GATEWAY_KEY_CHANGED: () => ({
    zh: '网关的签名密钥与本机首次连接时记录的不同（或该记录已不在），回执无法据以核实',
    en: 'the gateway’s signing key is not the one recorded at first contact (or that record is gone): receipts cannot be trusted',
  }),
};

class Problems {
  readonly list: AuditProblem[] = [];

  add(code: AuditProblemCode, seq?: number, x: { from?: number; entries?: number } = {}): void {
    if (this.list.some((p) => p.code === code && p.seq === seq)) return;
    this.list.push({ code, ...(seq !== undefined ? { seq } : {}), ...WORDS[code](seq ?? 0, x) });
  }
}

interface FromGateway {
  keys: GatewayKey[];
  list: SignedReceipt[];
}

async function fromGateway(client: CheckpointClient | undefined, storeId: string, timeoutMs: number): Promise<FromGateway | undefined> {
  if (!client) return undefined;
  try {
    const [keys, list] = await Promise.all([client.gatewayKeys({ timeoutMs }), client.checkpoints(storeId, { timeoutMs })]);
    return { keys, list };
  } catch {
    // offline (or the gateway keeps no checkpoints): the receipts kept here are all there is
    return undefined;
  }
}

/** The key receipts are checked with, and whether the gateway's own book can be believed. */
function keyFor(pinned: GatewayKey | undefined, gw: FromGateway | undefined, haveReceipts: boolean, p: Problems): { key?: GatewayKey; trustGateway: boolean } {
  if (pinned) {
    if (gw && !gw.keys.some((k) => sameKey(k, pinned))) {
      p.add('GATEWAY_KEY_CHANGED');
      return { key: pinned, trustGateway: false };
    }
    return { key: pinned, trustGateway: gw !== undefined };
  }
  // receipts are kept only after they verified with a pinned key: without one, its record is gone
  if (haveReceipts) p.add('GATEWAY_KEY_CHANGED');
  const first = gw?.keys[0];
  return first ? { key: first, trustGateway: true } : { trustGateway: false };
}

const holds = (s: SignedReceipt, key: GatewayKey, storeId: string) => s.receipt.storeId === storeId && verifyReceipt(key, s);

/** Every acknowledged checkpoint against the chain, oldest first: how far it is anchored, and what differs. */
function compare(store: SecureStore, chain: ChainInspection, acknowledged: SignedReceipt[], p: Problems): Pick<AuditVerification, 'anchoredThrough' | 'lastAnchorAt'> {
  const fault: ChainFault | undefined = chain.fault;
  let anchoredThrough: number | undefined;
  let lastAnchorAt: string | undefined;
  let rewritten = false;
  let tailCut: number | undefined;
  for (const { receipt: r } of acknowledged) {
    if (r.seq > chain.lastSeq) {
      tailCut = r.seq;
      continue;
    }
    // a break the walk found at or before this entry already explains any difference here
    const explained = rewritten || (fault !== undefined && fault.seq <= r.seq);
    const hash = store.audit.hashAt(r.seq);
    if (hash === undefined) {
      if (!explained) p.add('REMOVED', r.seq);
    } else if (hash !== r.head) {
      if (!explained) p.add('REHASHED', r.seq, { from: (anchoredThrough ?? 0) + 1 });
      rewritten = true;
    } else if (!explained) {
      anchoredThrough = r.seq;
      lastAnchorAt = r.receivedAt;
    }
  }
  if (tailCut !== undefined) p.add('TAIL_CUT', tailCut, { entries: chain.entries });
  return { ...(anchoredThrough !== undefined ? { anchoredThrough } : {}), ...(lastAnchorAt ? { lastAnchorAt } : {}) };
}

export async function verifyAudit(store: SecureStore, client: CheckpointClient | undefined, timeoutMs = 5_000): Promise<AuditVerification> {
  const chain = store.audit.inspect();
  const book = store.auditCheckpoints;
  const storeId = book.storeId();
  const p = new Problems();
  if (chain.fault) p.add(chain.fault.code, chain.fault.seq);
  const local = book.list();
  const gw = await fromGateway(client, storeId, timeoutMs);
  const { key, trustGateway } = keyFor(book.pinnedKey(), gw, local.length > 0, p);
  const acknowledged = new Map<number, SignedReceipt>();
  if (key) {
    for (const c of local) {
      const r = c.signed.receipt;
      if (r.seq === c.seq && r.head === c.head && holds(c.signed, key, storeId)) acknowledged.set(c.seq, c.signed);
      else p.add('RECEIPT_FORGED', c.seq);
    }
    // the gateway's book is the word that counts: receipts deleted here are still in it
    if (gw && trustGateway) for (const s of gw.list) if (holds(s, key, storeId)) acknowledged.set(s.receipt.seq, s);
  }
  const sorted = [...acknowledged.values()].sort((a, b) => a.receipt.seq - b.receipt.seq);
  const anchor = compare(store, chain, sorted, p);
  // with the key in doubt, no entry counts as anchored, whatever the receipts say
  const keyInDoubt = p.list.some((x) => x.code === 'GATEWAY_KEY_CHANGED');
  return {
    ok: p.list.length === 0,
    entries: chain.entries,
    ...(chain.brokenAt !== undefined ? { brokenAt: chain.brokenAt } : {}),
    ...(keyInDoubt ? {} : anchor),
    checkpoints: acknowledged.size,
    gatewayChecked: trustGateway,
    problems: p.list,
  };
}
