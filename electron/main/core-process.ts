/**
 * Main's end of the core process (docs/architecture.md §6): forks core-utility in a utility process,
 * relays each window's call to it with the window's connection and hands back its answer; events
 * come back with their audience. The same shape as host mode's core thread
 * (electron/host/core-thread.ts). A process that dies unasked is reported once through `onLost`;
 * main then says so and quits (main.ts).
 */
import { utilityProcess } from 'electron';
import { appError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import type { CoreInfo, FromCore, ToCore } from '../ipc/core-link';
import type { Router } from '../ipc/router';
import type { CoreProcessData } from './core-utility';

export interface CoreProcess {
  info: CoreInfo;
  router: Router;
  onEvent(fn: (event: string, payload: unknown, audience: ReadonlySet<string>) => void): () => void;
  connectionGone(connection: string): void;
  onLost(fn: (reason: string) => void): void;
  close(): Promise<void>;
}

const INTERNAL: Result<unknown> = { ok: false, error: appError('INTERNAL') };

export async function startCoreProcess(modulePath: string, data: CoreProcessData): Promise<CoreProcess> {
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'Chakong Desk core', stdio: 'inherit' });
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const eventFns: ((event: string, payload: unknown, audience: ReadonlySet<string>) => void)[] = [];
  const lostFns: ((reason: string) => void)[] = [];
  let seq = 0;
  let stopping = false;
  let lostReason: string | undefined;
  let closed: (() => void) | undefined;
  const send = (m: ToCore) => child.postMessage(m);

  const lose = (reason: string) => {
    if (stopping || lostReason !== undefined) return;
    lostReason = reason;
    for (const r of pending.values()) r(INTERNAL);
    pending.clear();
    for (const fn of lostFns) fn(reason);
  };

  const started = new Promise<CoreInfo>((resolve, reject) => {
    child.on('message', (m: FromCore) => {
      if (m.t === 'ready') resolve(m.info);
      else if (m.t === 'failed') reject(Object.assign(new Error(m.error.messageEn ? `${m.error.message}\n${m.error.messageEn}` : m.error.message), { name: m.error.name }));
      else if (m.t === 'result' && 'result' in m) {
        pending.get(m.seq)?.(m.result);
        pending.delete(m.seq);
      } else if (m.t === 'event' && 'event' in m) {
        const to = new Set(m.audience);
        for (const fn of eventFns) fn(m.event, m.payload, to);
      } else if (m.t === 'closed') closed?.();
    });
    child.on('exit', (code) => {
      reject(new Error(`the core process exited with code ${code} while starting`));
      lose(`exit code ${code}`);
      closed?.();
    });
  });
  child.once('spawn', () => child.postMessage(data));

  let info: CoreInfo;
  try {
    info = await started;
  } catch (e) {
    stopping = true;
    child.kill();
    throw e;
  }

  return {
    info,
    router: (group, method, input, ctx) => {
      if (lostReason !== undefined || stopping) return Promise.resolve(INTERNAL);
      const id = ++seq;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ t: 'call', seq: id, group, method, input, transport: ctx.transport, connection: ctx.connection ?? ctx.transport });
      });
    },
    onEvent(fn) {
      eventFns.push(fn);
      return () => void eventFns.splice(eventFns.indexOf(fn) >>> 0, 1);
    },
    connectionGone: (connection) => lostReason === undefined && send({ t: 'gone', connection }),
    onLost(fn) {
      lostFns.push(fn);
      if (lostReason !== undefined) fn(lostReason);
    },
    async close() {
      if (stopping) return;
      stopping = true;
      if (lostReason === undefined) {
        await new Promise<void>((resolve) => {
          closed = resolve;
          send({ t: 'close' });
        });
      }
      for (const r of pending.values()) r(INTERNAL);
      pending.clear();
      child.kill();
    },
  };
}
