/**
 * The composition root: data folder, logger, gateway (the embedded sandbox network unless a real
 * gateway is configured), vault, engine factory, services and router. Used by Electron's main and
 * by host mode alike; nothing here touches the Electron API.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import holidayTable from '../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../shared/dates';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { createRouter, type Router } from '../ipc/router';
import { createLogger, logSink } from '../log/logger';
import { Vault } from '../store';
import { checkSafeStorage, type SafeStorageLike } from '../store/safe-storage';
import { createEngine } from '../engine/engine';
import { createGatewayClient } from '../engine/gateway-client';
import { ADAPTERS } from '../engine/adapters';
import type { GatewayConfig } from '../engine/types';
import { startSandbox, DEMO_COURT_NAME, type SandboxHandle } from '../sandbox';
import { createMeasureEngine } from '../engine/measures/measure-engine';
import { loadDeploymentConfig } from './config';
import { createServices } from './services';
import { idleLockMs } from './session';

export interface CoreOptions {
  dataDir: string;
  mode: 'electron' | 'host';
  version: string;
  env: Record<string, string | undefined>;
  safeStorage?: SafeStorageLike;
  /** where evidence packages are written (else CK_EXPORT_DIR, else <dataDir>/exports) */
  exportDir?: string;
}

export interface Core {
  router: Router;
  /** events for the windows in `audience` (the ones signed in to the session) */
  onEvent(fn: (event: string, payload: unknown, audience: ReadonlySet<string>) => void): () => void;
  /** a window or page closed for good: it leaves the session */
  connectionGone(connection: string): void;
  gateway: { url: string; network: 'sandbox' | 'gateway'; court: string };
  sandbox?: SandboxHandle;
  close(): Promise<void>;
}

export async function startCore(o: CoreOptions): Promise<Core> {
  mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const logger = createLogger({ dir: o.dataDir, level: o.env.CK_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  const log = logSink(logger);
  const config = loadDeploymentConfig(o.env, o.dataDir);

  let sandbox: SandboxHandle | undefined;
  let gateway: GatewayConfig;
  let court: string;
  let courtName: string;
  if (config.kind === 'sandbox') {
    sandbox = await startSandbox({
      port: config.sandbox.port ?? 0,
      ...(config.sandbox.seed !== undefined ? { seed: config.sandbox.seed } : {}),
      ...(config.sandbox.latencyScale !== undefined ? { knobs: { latencyScale: config.sandbox.latencyScale } } : {}),
      ...(config.sandbox.docketCases !== undefined ? { docketCases: config.sandbox.docketCases } : {}),
      // the embedded gateway's register (keys, spent codes), its own key and its book of audit
      // checkpoints outlive a restart (docs/sandbox.md, docs/audit.md)
      stateDir: path.join(o.dataDir, 'sandbox'),
    });
    gateway = { url: sandbox.url, network: 'sandbox', stationId: sandbox.stationId, stationSecret: sandbox.stationSecret };
    court = sandbox.court;
    courtName = DEMO_COURT_NAME;
  } else {
    gateway = { url: config.gateway.url, network: 'gateway', stationId: config.gateway.stationId, stationSecret: config.gateway.stationSecret };
    court = config.gateway.court;
    courtName = config.gateway.courtName;
  }
  logger.info('core started', { mode: o.mode, network: gateway.network });

  const bus = new EventEmitter();
  bus.setMaxListeners(50);
  // an event reaches only the windows signed in to the session (or the audience named)
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>, audience?: ReadonlySet<string>) =>
    bus.emit('event', event, payload, audience ?? services.audience());
  const ca = config.kind === 'gateway' ? config.gateway.ca : undefined;
  const client = createGatewayClient({ url: gateway.url, stationId: gateway.stationId, stationSecret: gateway.stationSecret, ...(ca ? { ca } : {}) });
  // on the sandbox network the program keeps the sandbox's time: a trainer who moves the sandbox
  // clock on (docs/sandbox.md) sees freezes near their end, limits run out and daily jobs come due
  const sandboxClock = sandbox?.clock;
  const now = sandboxClock ? () => new Date(sandboxClock.now()) : undefined;
  const vault = new Vault({ dataDir: o.dataDir, ...(o.safeStorage ? { safeStorage: o.safeStorage } : {}), logger, ...(now ? { clock: now } : {}) });
  const jobTickMs = Number(o.env.CK_JOB_TICK_MS);

  const protection = (): 'safeStorage' | 'passphrase' => {
    if (o.mode !== 'electron' || !o.safeStorage) return 'passphrase';
    try {
      checkSafeStorage(o.safeStorage);
      return 'safeStorage';
    } catch {
      // basic_text or no keyring: the passphrase protects the key instead (recorded by the vault)
      return 'passphrase';
    }
  };

  const services = createServices({
    mode: o.mode,
    version: o.version,
    network: gateway.network,
    gatewayUrl: gateway.url,
    court,
    courtName,
    vault,
    protection,
    client,
    holidays: holidayCalendarFrom(holidayTable as Record<string, unknown>),
    emit,
    // never switched off: a bad or missing setting means 15 minutes (electron/services/session.ts)
    idleLockMs: idleLockMs(o.env.CK_IDLE_LOCK_MINUTES),
    log,
    ...((o.exportDir ?? o.env.CK_EXPORT_DIR) ? { exportDir: o.exportDir ?? o.env.CK_EXPORT_DIR } : {}),
    ...(now ? { now } : {}),
    ...(Number.isInteger(jobTickMs) && jobTickMs >= 50 ? { jobTickMs } : {}),
    createEngine: (store) =>
      createEngine({
        gateway,
        store: store.engine,
        adapters: ADAPTERS,
        client,
        log,
        events: {
          request: (request) => emit('query.request', { request }),
          findings: (caseId, requestId, saved) => emit('query.findings', { caseId, requestId, ...saved }),
          network: (status) => emit('network.status', status),
        },
      }),
    createMeasureEngine: (store) =>
      createMeasureEngine({
        gateway,
        client,
        store: store.measureStore,
        log,
        events: {
          measure: (measure) => {
            emit('measure.updated', { measure });
            services.measureUpdated(measure);
          },
          network: (status) => emit('network.status', status),
        },
      }),
  });

  return {
    router: createRouter(services.handlers, services.authorizer, log),
    onEvent(fn) {
      const h = (event: string, payload: unknown, audience: ReadonlySet<string>) => fn(event, payload, audience);
      bus.on('event', h);
      return () => bus.off('event', h);
    },
    connectionGone: (c) => services.connectionGone(c),
    gateway: { url: gateway.url, network: gateway.network, court },
    ...(sandbox ? { sandbox } : {}),
    async close() {
      await services.shutdown();
      await sandbox?.close();
      logger.close();
    },
  };
}
