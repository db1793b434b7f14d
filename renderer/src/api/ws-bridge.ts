/**
 * Host mode: the contract's `Api` carried over the loopback WebSocket (shared/ipc/ws-protocol.ts).
 * Built generically from the contract, one method per call, so it can never drift from the preload.
 *
 * - the browser is admitted by the session cookie the server set when the printed address was
 *   opened; the bridge adds the resume token, kept in sessionStorage, so that a reload or a dropped
 *   link comes back to the same (signed-in) connection; every `hello` brings a fresh one;
 * - a connection the server did not resume is a new one, signed out: the app is told its session
 *   ended (a `session.locked` event), so it shows the sign-in screen;
 * - calls made while disconnected wait and are sent once `hello` has arrived;
 * - a read call in flight when the link drops is sent again; a write is not (it may have been
 *   done), its caller gets an error telling the judge to check;
 * - reconnects back off exponentially with jitter.
 */
import { allCalls, isReadCall, type Api } from '../../../shared/ipc/contract';
import { RESUME_TOKEN_KEY, WS_PATH, type ClientFrame, type ServerFrame } from '../../../shared/ipc/ws-protocol';
import type { AppError } from '../../../shared/errors';
import { err, type Result } from '../../../shared/result';
import { connectionCell, type Connection } from './connection';

/** The part of the browser WebSocket the bridge uses (a fake one in tests). */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code?: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface WsBridgeOptions {
  /** e.g. "ws://127.0.0.1:5173"; WS_PATH and the resume query are appended */
  baseUrl: string;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  createSocket: WebSocketFactory;
  /** first reconnect delay; doubles up to maxDelayMs */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export interface WsBridge {
  api: Api;
  connection: Connection;
  /** closes the socket and stops reconnecting */
  dispose(): void;
}

const LINK_LOST: AppError = {
  code: 'INTERNAL',
  message: '与本机服务的连接中断，无法确认操作是否完成',
  messageEn: 'The connection to the local service was lost before the answer arrived',
  detail: { zh: '请核对结果后再操作', en: 'check the result before trying again' },
};

interface Pending {
  frame: ClientFrame;
  resolve: (r: Result<unknown>) => void;
  sent: boolean;
}

export function createWsBridge(opts: WsBridgeOptions): WsBridge {
  const baseDelay = opts.baseDelayMs ?? 300;
  const maxDelay = opts.maxDelayMs ?? 10_000;
  const random = opts.random ?? Math.random;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const connection = connectionCell('connecting');
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  let socket: WebSocketLike | null = null;
  let ready = false;
  let everReady = false;
  let failures = 0;
  let nextId = 1;
  let disposed = false;

  function deliver(event: string, payload: unknown): void {
    for (const l of [...(listeners.get(event) ?? [])]) {
      try {
        l(payload);
      } catch (e) {
        console.error(e);
      }
    }
  }

  function connect(): void {
    if (disposed) return;
    const resume = opts.storage.getItem(RESUME_TOKEN_KEY);
    let opened = false;
    let greeted = false;
    const ws = opts.createSocket(`${opts.baseUrl}${WS_PATH}${resume ? `?resume=${encodeURIComponent(resume)}` : ''}`);
    socket = ws;
    ws.onopen = () => {
      opened = true;
    };
    ws.onmessage = (ev) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      if (!frame || typeof frame !== 'object') return;
      if (frame.t === 'hello' && typeof frame.resumeToken === 'string') {
        // the server consumed the token we came with; only the fresh one resumes the next connection
        opts.storage.setItem(RESUME_TOKEN_KEY, frame.resumeToken);
        const lostSession = everReady && frame.resumed !== true;
        greeted = true;
        ready = true;
        everReady = true;
        failures = 0;
        connection.set('open');
        // a new connection is signed out: whatever this page showed belongs to the old one
        if (lostSession) deliver('session.locked', { reason: 'signout' });
        flush();
      } else if (frame.t === 'resume' && typeof frame.resumeToken === 'string') {
        opts.storage.setItem(RESUME_TOKEN_KEY, frame.resumeToken);
      } else if (frame.t === 'result') {
        const p = pending.get(frame.id);
        if (p) {
          pending.delete(frame.id);
          p.resolve(frame.result);
        }
      } else if (frame.t === 'event') {
        deliver(frame.event, frame.payload);
      }
    };
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      ready = false;
      for (const [id, p] of pending) {
        if (!p.sent) continue;
        // a read may go again; a write may have been done (the contract's policy says which is which)
        if (isReadCall(p.frame.group, p.frame.method)) {
          p.sent = false;
        } else {
          pending.delete(id);
          p.resolve(err(LINK_LOST));
        }
      }
      if (disposed) return;
      // A browser without the session cookie never gets past the HTTP upgrade: the socket closes
      // without opening. A service that is gone looks the same; either way the judge must open the
      // printed address. Attempts go on, so the page comes back by itself once it has been opened.
      if (!opened || !greeted) connection.set('refused');
      else connection.set(everReady ? 'reconnecting' : 'connecting');
      failures += 1;
      const delay = Math.min(maxDelay, baseDelay * 2 ** Math.min(failures - 1, 10));
      setTimer(connect, Math.round(delay * (0.75 + random() * 0.5)));
    };
  }

  function flush(): void {
    if (!ready || !socket) return;
    for (const p of pending.values()) {
      if (p.sent) continue;
      socket.send(JSON.stringify(p.frame));
      p.sent = true;
    }
  }

  function call(group: string, method: string, input: unknown): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, { frame: { t: 'call', id, group, method, input }, resolve, sent: false });
      flush();
    });
  }

  const groups: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const [group, method] of allCalls()) {
    (groups[group] ??= {})[method] = (input: unknown) => call(group, method, input);
  }
  const api = {
    ...groups,
    on(event: string, listener: (payload: unknown) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  } as unknown as Api;

  connect();

  return {
    api,
    connection,
    dispose() {
      disposed = true;
      socket?.close();
      socket = null;
    },
  };
}
