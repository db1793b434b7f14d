/**
 * What a credit exchange test stands on: the sandbox network, a real encrypted store holding a
 * case of the demo court's judge, exchanges signed with the officers' registered keys over
 * creditSignedText, and the credit engine over the store's outbox.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { signText } from '../../electron/gateway/ed25519';
import { creditSignedText } from '../../electron/gateway/credit-signatures';
import { createGatewayClient, type GatewayClient } from '../../electron/engine/gateway-client';
import { createCreditEngine, type CreditEngine } from '../../electron/engine/exchange/credit-engine';
import type { SandboxHandle } from '../../electron/sandbox/index';
import type { DocketCase } from '../../electron/sandbox/population/types';
import { openSecureStore, type SecureStore } from '../../electron/store';
import { MIN_SCRYPT } from '../../electron/store/kdf';
import type { CreditExchange, CreditExchangeKind, CreditExchangeRequest } from '../../shared/domain/credit';
import type { MeasureSignature } from '../../shared/domain/measures';
import type { StoredCase } from '../../electron/store/cases';
import { officerKey } from './sandbox-client';

export const JUDGE = 'F520103001';
export const CHIEF = 'F520103008';
export const DIRECTOR = 'F520103009';
/** registered for 黔0102, not for the demo court */
export const NEIGHBOUR = 'F520102001';

export class CreditKit {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-credit-'));
  private readonly file = path.join(this.dir, 'store.db');
  private readonly key = randomBytes(32);
  store: SecureStore;
  readonly client: GatewayClient;
  /** every state the engine told, in order, per exchange */
  readonly told = new Map<string, CreditExchange[]>();
  /** called with each change as it is told (a test kills the engine from here) */
  onTold: (x: CreditExchange) => void = () => undefined;

  constructor(readonly sb: SandboxHandle) {
    this.store = openSecureStore({ file: this.file, key: this.key, create: true, scrypt: MIN_SCRYPT });
    this.client = createGatewayClient({ url: sb.url, stationId: sb.stationId, stationSecret: sb.stationSecret, timeoutMs: 250 });
  }

  /** the process restarts: the store is opened again from its file */
  reopen(): void {
    this.store.close();
    this.store = openSecureStore({ file: this.file, key: this.key, scrypt: MIN_SCRYPT });
  }

  engine(): CreditEngine {
    return createCreditEngine({
      store: this.store.creditExchanges, client: this.client,
      tuning: { timeoutMs: 250, retryBaseMs: 5, retryMaxMs: 40, pollIntervalMs: 10, pollMaxIntervalMs: 40 },
      events: {
        exchange: (x) => {
          this.told.set(x.id, [...(this.told.get(x.id) ?? []), x]);
          this.onTold(x);
        },
      },
    });
  }

  close(): void {
    this.client.close();
    this.store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** a docket case of the judge's with a person debtor, opened in the store */
  judgesCase(skip = 0): { docket: DocketCase; stored: StoredCase; debtor: { kind: 'person'; name: string; idNumber: string } } {
    const found = this.sb.courtSystem.casesOf('黔0103')
      .filter((c) => c.assignee === JUDGE && /执\d/.test(c.number) && c.debtors.some((d) => d.kind === 'person'))[skip];
    if (!found) throw new Error('no such case');
    const d = found.debtors.find((x) => x.kind === 'person')!;
    const debtor = { kind: 'person' as const, name: d.name, idNumber: d.idNumber };
    const stored = this.store.cases.create({
      number: found.number, filedOn: found.filedOn, cause: found.cause, amountOwed: found.amountOwed, costs: found.costs,
      applicant: { kind: found.applicant.kind, name: found.applicant.name, idNumber: found.applicant.idNumber }, debtors: [debtor],
    });
    return { docket: found, stored, debtor };
  }

  /** a signature of `officer` over the exchange, made with the key of `keyOf` (a forgery when they differ) */
  sign(x: Omit<CreditExchangeRequest, 'signatures'>, officer: string, role: MeasureSignature['role'], keyOf = officer): MeasureSignature {
    const k = officerKey(this.sb, keyOf);
    const own = officerKey(this.sb, officer);
    return { role, officer, keyId: own.keyId, signature: signText(k.privateKey, creditSignedText(x)) };
  }

  /** an exchange as the listing or restriction feature submits it; signed by the judge and, unless told otherwise, the chief */
  request(kind: CreditExchangeKind, c: { stored: StoredCase; debtor: { kind: 'person'; name: string; idNumber: string } }, recordId: string, payload: Record<string, unknown>,
    approval: ((x: Omit<CreditExchangeRequest, 'signatures'>) => MeasureSignature | undefined) | 'none' = (x) => this.sign(x, CHIEF, 'approval')): CreditExchangeRequest {
    const x = {
      id: randomUUID(), kind, caseId: c.stored.id, recordId, subjects: [c.debtor],
      payload: { caseNumber: c.stored.number, court: '黔0103', ...payload },
    };
    const approve = approval === 'none' ? undefined : approval(x);
    return { ...x, signatures: [this.sign(x, JUDGE, 'decision'), ...(approve ? [approve] : [])] };
  }
}

export async function until(what: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
