/**
 * The process tests/integration/store-writer.test.ts kills: the connector engine over the
 * encrypted store (its group-committing writer) and the sandbox network, querying the docket's
 * cases one after another without end. Every event the engine tells is printed as it is told —
 * `ack request <id> <state>` and `ack findings <id> <records>` — for the parent to check against
 * the disk once this process is gone. Bundled and run by the test (CK_FILE, CK_KEY as hex).
 */
import { ADAPTERS } from '../../electron/engine/adapters';
import { createEngine } from '../../electron/engine/engine';
import { startSandbox } from '../../electron/sandbox';
import { openSecureStore } from '../../electron/store';
import { withLimits } from '../helpers/engine-kit';

const SECRET = 'store-writer-test-station-secret-0123456789';

async function main(): Promise<void> {
  const sb = await startSandbox({ seed: 20261204, stationSecret: SECRET, knobs: { latencyScale: 0.01 } });
  const store = openSecureStore({ file: process.env.CK_FILE!, key: Buffer.from(process.env.CK_KEY!, 'hex'), create: true,
    // batches held open a while, so that a kill lands between a write and its commit
    writer: { delayMs: 25 } });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const engine = createEngine({
    gateway: { url: sb.url, network: 'sandbox', stationId: 'CK-520103-01', stationSecret: SECRET },
    store: store.engine,
    adapters: withLimits(ADAPTERS, { pollIntervalMs: 5, timeoutMs: 3_000, maxPolls: 40, maxAttempts: 6 }),
    events: {
      request: (r) => out(`ack request ${r.id} ${r.state}`),
      findings: (_caseId, requestId, s) => out(`ack findings ${requestId} ${s.assets.length + s.whereabouts.length + s.info.length}`),
      network: () => undefined,
    },
    tuning: { retryBaseMs: 5, retryMaxMs: 50 },
  });
  const cases = new Map<string, ReturnType<typeof store.cases.create>>();
  for (;;) {
    for (const d of sb.population.docket) {
      const officer = sb.officers.find((o) => o.code === d.assignee);
      if (!officer) continue;
      const c = cases.get(d.number) ?? store.cases.create({
        number: d.number, filedOn: d.filedOn, cause: d.cause, amountOwed: d.amountOwed, costs: d.costs,
        applicant: { kind: d.applicant.kind, name: d.applicant.name, idNumber: d.applicant.idNumber },
        debtors: d.debtors.map((p) => ({ kind: p.kind, name: p.name, idNumber: p.idNumber })),
      });
      cases.set(d.number, c);
      const debtors = c.parties.filter((p) => p.role === 'debtor');
      engine.queryCase({ caseId: c.id, caseNumber: c.number, court: sb.court, officer: { code: officer.code, name: officer.name }, channels: 'property' }, debtors);
      await engine.idle();
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
