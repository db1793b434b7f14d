/**
 * The host's end of the core thread (docs/architecture.md §6): starts core-worker in a worker
 * thread, relays each call to it and hands back the answer already encoded as the WebSocket's text.
 * A worker that dies unasked is reported once through `onLost`; the host then stops and says so
 * (start.ts, cli.ts) rather than go on serving pages whose calls nobody answers.
 */
import { Worker } from 'node:worker_threads';
import { appError } from '../../shared/errors';
import type { CallContext } from '../../shared/ipc/contract';
import type { CoreInfo, FromCore, ToCore } from '../ipc/core-link';
import { ConfigError } from '../services/config';
import type { CoreWorkerData } from './core-worker';

export interface CoreThread {
  info: CoreInfo;
  /** relays a call; answers the router's Result as JSON text */
  call(group: string, method: string, input: unknown, ctx: Required<CallContext>): Promise<string>;
  /** events, as the WebSocket's text, for the connections in `audience` */
  onEvent(fn: (json: string, audience: ReadonlySet<string>) => void): void;
  connectionGone(connection: string): void;
  /** the worker died without being asked to stop: once, with what is known */
  onLost(fn: (reason: string) => void): void;
  close(): Promise<void>;
  /** the worker itself (tests end it to see the host notice) */
  worker: Worker;
}

const INTERNAL_JSON = JSON.stringify({ ok: false, error: appError('INTERNAL') });

function failureOf(e: { name: string; message: string; messageEn?: string }): Error {
  if (e.name === 'ConfigError') return new ConfigError(e.message);
  const err = new Error(e.messageEn ? `${e.message}\n${e.messageEn}` : e.message);
  err.name = e.name;
  return err;
}

export async function startCoreThread(script: string, data: CoreWorkerData): Promise<CoreThread> {
  const worker = new Worker(script, { workerData: data });
  const pending = new Map<number, (json: string) => void>();
  const eventFns: ((json: string, audience: ReadonlySet<string>) => void)[] = [];
  const lostFns: ((reason: string) => void)[] = [];
  let seq = 0;
  let stopping = false;
  let lostReason: string | undefined;
  let closed: (() => void) | undefined;
  const send = (m: ToCore) => worker.postMessage(m);

  const lose = (reason: string) => {
    if (stopping || lostReason !== undefined) return;
    lostReason = reason;
    for (const r of pending.values()) r(INTERNAL_JSON);
    pending.clear();
    for (const fn of lostFns) fn(reason);
  };

  const started = new Promise<CoreInfo>((resolve, reject) => {
    worker.on('message', (m: FromCore) => {
      if (m.t === 'ready') resolve(m.info);
      else if (m.t === 'failed') reject(failureOf(m.error));
      else if (m.t === 'result' && 'json' in m) {
        pending.get(m.seq)?.(m.json);
        pending.delete(m.seq);
      } else if (m.t === 'event' && 'json' in m) {
        const to = new Set(m.audience);
        for (const fn of eventFns) fn(m.json, to);
      } else if (m.t === 'closed') closed?.();
    });
    worker.on('error', (e) => {
      reject(e);
      lose(`${e.name}: ${e.message}`);
    });
    worker.on('exit', (code) => {
      reject(new Error(`the core thread exited with code ${code} while starting`));
      lose(`exit code ${code}`);
      closed?.();
    });
  });

  let info: CoreInfo;
  try {
    info = await started;
  } catch (e) {
    stopping = true;
    await worker.terminate();
    throw e;
  }

  return {
    info,
    worker,
    call(group, method, input, ctx) {
      if (lostReason !== undefined || stopping) return Promise.resolve(INTERNAL_JSON);
      const id = ++seq;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ t: 'call', seq: id, group, method, input, transport: ctx.transport, connection: ctx.connection });
      });
    },
    onEvent: (fn) => void eventFns.push(fn),
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
      for (const r of pending.values()) r(INTERNAL_JSON);
      pending.clear();
      await worker.terminate();
    },
  };
}
