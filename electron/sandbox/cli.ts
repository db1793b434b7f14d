/**
 * `npm run sandbox`: the sandbox network alone, for demos, training and tests against a built app.
 * Prints where it listens and the station credential; personal data is never printed.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, startSandbox, type Knobs } from './index';
import { DEMO_COURT_NAME } from './population/docket';

const KNOB_FLAGS = {
  'latency-scale': 'latencyScale',
  'error-rate': 'errorRate',
  'rate-limit': 'rateLimitPerSecond',
  'timeout-rate': 'timeoutRate',
  'hang-ms': 'hangMs',
  'lost-answer-rate': 'lostAnswerRate',
  'duplicate-rate': 'duplicateRate',
  'garbage-rate': 'garbageRate',
  'no-feedback-rate': 'noFeedbackRate',
  'reject-rate': 'rejectRate',
  'out-of-order-rate': 'outOfOrderRate',
} as const;

const USAGE = `usage: sandbox [--port N] [--seed N] [--station ID] [--state-dir DIR] ${Object.keys(KNOB_FLAGS).map((f) => `[--${f} X]`).join(' ')}
  port from CK_SANDBOX_PORT (default 7470); station secret from CK_SANDBOX_SECRET (random if unset)`;

function number(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`--${flag}: "${v}" is not a non-negative number\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const options = Object.fromEntries([
    ['port', { type: 'string' }], ['seed', { type: 'string' }], ['station', { type: 'string' }], ['state-dir', { type: 'string' }], ['help', { type: 'boolean' }],
    ...Object.keys(KNOB_FLAGS).map((f) => [f, { type: 'string' }]),
  ]) as Record<string, { type: 'string' | 'boolean' }>;
  const { values } = parseArgs({ options, strict: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const knobs: Partial<Knobs> = {};
  for (const [flag, key] of Object.entries(KNOB_FLAGS)) {
    const v = values[flag];
    if (typeof v === 'string') knobs[key] = number(flag, v);
  }
  const port = number('port', String(values.port ?? process.env.CK_SANDBOX_PORT ?? '7470'));
  const sb = await startSandbox({
    port,
    seed: values.seed !== undefined ? number('seed', String(values.seed)) : DEFAULT_SEED,
    ...(typeof values.station === 'string' ? { stationId: values.station } : {}),
    // the gateway's signing key and audit checkpoints, kept across restarts
    ...(typeof values['state-dir'] === 'string' ? { stateDir: values['state-dir'] } : {}),
    ...(process.env.CK_SANDBOX_SECRET ? { stationSecret: process.env.CK_SANDBOX_SECRET } : {}),
    knobs,
  });
  const lines = [
    `查控台 sandbox network listening on ${sb.url}`,
    `  station id      ${sb.stationId}`,
    `  station secret  ${sb.stationSecret}`,
    `  court           ${sb.court} ${DEMO_COURT_NAME} (${sb.population.docket.length} enforcement cases)`,
    '  officers        ' + sb.officers.map((o) => `${o.code} ${o.name} (${o.role}) enrolment code ${sb.register.currentCode(o.code) ?? '—'}`).join('\n                  '),
    `  knobs           ${JSON.stringify({ ...sb.getKnobs(), channels: undefined })}`,
    `  court account   ${sb.courtAccount.bank} ${sb.courtAccount.accountNo} ${sb.courtAccount.name}`,
    '  admin           GET/PUT /sandbox/v1/knobs, GET /sandbox/v1/stats, GET /sandbox/v1/ledger/:asset, GET /sandbox/v1/ledger-totals,',
    '                  GET /sandbox/v1/court-account, GET/POST /sandbox/v1/clock (loopback only)',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    void sb.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
