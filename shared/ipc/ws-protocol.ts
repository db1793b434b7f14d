/**
 * Host mode: the IPC contract carried over a loopback WebSocket (docs/architecture.md §3).
 * The browser opens `http://127.0.0.1:PORT/open?token=ONE_TIME_TOKEN`; the server exchanges the
 * token once for an HttpOnly session cookie and redirects to `/`. The bridge connects to
 * `ws://127.0.0.1:PORT/ipc` (the cookie goes with it), adding `?resume=…` when it holds a resume
 * token. `hello` says whether the connection was resumed and brings a fresh single-use resume token,
 * kept in sessionStorage; an open page is sent a new one (`resume`) before the old one expires.
 */
import type { Result } from '../result';

export type ClientFrame = { t: 'call'; id: number; group: string; method: string; input: unknown };

export type ServerFrame =
  | { t: 'hello'; resumeToken: string; resumed: boolean }
  | { t: 'resume'; resumeToken: string }
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'event'; event: string; payload: unknown };

export const WS_PATH = '/ipc';
export const OPEN_PATH = '/open';
export const RESUME_TOKEN_KEY = 'ck.resumeToken';
