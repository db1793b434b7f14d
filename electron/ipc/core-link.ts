/**
 * The core off the window's thread (docs/architecture.md §6): the store, the engines and the router
 * run in a worker thread (host mode) or a utility process (Electron), and the window-facing side
 * relays each call to them and each answer and event back. These are the messages of that link
 * and the core's end of it; the relay adds nothing of its own — the same router, with the same
 * authority checks, answers every call with the connection the transport named.
 *
 * `encode: 'json'` (host mode): the core encodes answers and events as the WebSocket's text once,
 * so the socket thread only frames and sends them. `encode: 'clone'` (Electron): they go as values,
 * structured-cloned, as ipcMain hands them to the window.
 */
import type { CallContext } from '../../shared/ipc/contract';
import type { Result } from '../../shared/result';
import { appError } from '../../shared/errors';
import type { Router } from './router';
import type { Core } from '../services/core';

export type LinkEncoding = 'json' | 'clone';

/** What the window-facing side knows of the core once it runs (cli.ts prints it). */
export interface CoreInfo {
  gateway: { url: string; network: 'sandbox' | 'gateway'; court: string };
  /** the embedded sandbox network: its address and the demo officers' current enrolment codes */
  sandbox?: { url: string; enrolmentCodes: { code: string; name: string; enrolmentCode: string }[] };
}

export type ToCore =
  | { t: 'call'; seq: number; group: string; method: string; input: unknown; transport: CallContext['transport']; connection: string }
  | { t: 'gone'; connection: string }
  | { t: 'close' };

export type FromCore =
  | { t: 'ready'; info: CoreInfo }
  | { t: 'failed'; error: { name: string; message: string; messageEn?: string } }
  | { t: 'result'; seq: number; json: string }
  | { t: 'result'; seq: number; result: Result<unknown> }
  | { t: 'event'; audience: string[]; json: string }
  | { t: 'event'; audience: string[]; event: string; payload: unknown }
  | { t: 'closed' };

/** One end of the link, whatever carries it (a worker's parentPort, a utility process's parentPort). */
export interface LinkEnd {
  post(m: FromCore): void;
  onMessage(fn: (m: ToCore) => void): void;
}

/** The part of the core the link serves (services/core.ts). */
export interface LinkedCore {
  router: Router;
  onEvent(fn: (event: string, payload: unknown, audience: ReadonlySet<string>) => void): () => void;
  connectionGone(connection: string): void;
  close(): Promise<void>;
}

/** The core's end: answers calls through the router, forwards events, closes on request. */
export function serveCore(end: LinkEnd, core: LinkedCore, encode: LinkEncoding, onClosed: () => void): void {
  core.onEvent((event, payload, audience) => {
    const to = [...audience];
    if (encode === 'json') end.post({ t: 'event', audience: to, json: JSON.stringify({ t: 'event', event, payload }) });
    else end.post({ t: 'event', audience: to, event, payload });
  });
  let closing = false;
  end.onMessage((m) => {
    if (m.t === 'call') {
      if (closing) return;
      void answer(core.router, m).then((result) => {
        if (encode === 'json') end.post({ t: 'result', seq: m.seq, json: JSON.stringify(result) });
        else end.post({ t: 'result', seq: m.seq, result });
      });
    } else if (m.t === 'gone') {
      core.connectionGone(m.connection);
    } else if (m.t === 'close' && !closing) {
      closing = true;
      void core.close().finally(() => {
        end.post({ t: 'closed' });
        onClosed();
      });
    }
  });
}

async function answer(router: Router, m: Extract<ToCore, { t: 'call' }>): Promise<Result<unknown>> {
  try {
    return await router(m.group, m.method, m.input, { transport: m.transport, connection: m.connection });
  } catch {
    return { ok: false, error: appError('INTERNAL') };
  }
}

/** What the core tells the window-facing side once it runs. */
export function coreInfo(core: Core): CoreInfo {
  const sb = core.sandbox;
  return {
    gateway: core.gateway,
    ...(sb
      ? {
          sandbox: {
            url: sb.url,
            enrolmentCodes: sb.officers.flatMap((o) => {
              const code = sb.register.currentCode(o.code);
              return code ? [{ code: o.code, name: o.name, enrolmentCode: code }] : [];
            }),
          },
        }
      : {}),
  };
}

/** A start that failed, as the window-facing side reports it (DataFolderLocked carries messageEn). */
export function startFailure(e: unknown): Extract<FromCore, { t: 'failed' }> {
  const err = e instanceof Error ? e : new Error(String(e));
  const messageEn = (err as { messageEn?: unknown }).messageEn;
  return { t: 'failed', error: { name: err.name, message: err.message, ...(typeof messageEn === 'string' ? { messageEn } : {}) } };
}
