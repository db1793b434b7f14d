/**
 * What the handlers are built from: plain Node dependencies passed in by the composition root, so
 * the same handlers run under Electron, in host mode and in tests.
 */
import type { HolidayCalendar } from '../../shared/dates';
import type { Officer } from '../../shared/domain/types';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { Engine } from '../engine/engine';
import type { GatewayClient } from '../engine/gateway-client';
import type { MeasureEngine } from '../engine/measures/measure-engine';
import type { LogSink } from '../log/logger';
import type { SecureStore, Vault } from '../store';

export interface ServiceDeps {
  mode: 'electron' | 'host';
  version: string;
  network: 'sandbox' | 'gateway';
  gatewayUrl: string;
  court: string;
  vault: Vault;
  /** protection chosen for a new store: safeStorage on a workstation whose key store is sound */
  protection: () => 'safeStorage' | 'passphrase';
  client: GatewayClient;
  createEngine: (store: SecureStore, officer: Officer) => Engine;
  createMeasureEngine: (store: SecureStore) => MeasureEngine;
  /** the court's full name, printed on its documents */
  courtName: string;
  holidays: HolidayCalendar;
  /** an event to the windows signed in to the session (or to those given) */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>, audience?: ReadonlySet<string>) => void;
  now?: () => Date;
  idleLockMs?: number;
  /** structured log without personal data (the audit anchor's warnings) */
  log?: LogSink;
  /** where evidence packages are written (default: <data folder>/exports) */
  exportDir?: string;
  /** how often the job runner looks for due jobs (default 30 s; tests use less) */
  jobTickMs?: number;
}

/** The dependencies with their defaults filled in. */
export interface Deps extends ServiceDeps {
  now: () => Date;
}
