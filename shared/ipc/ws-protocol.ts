/**
 * Host mode: the IPC contract carried over a loopback WebSocket (DESIGN "Host mode").
 * The page is opened at `http://127.0.0.1:PORT/#token=ONE_TIME_TOKEN`; the bridge connects to
 * `ws://127.0.0.1:PORT/ipc?token=…`. The server consumes the token and answers `hello` with a
 * fresh single-use `resumeToken` for the next (re)connection, kept in sessionStorage.
 */
import type { Result } from '../result';

export type ClientFrame = { t: 'call'; id: number; group: string; method: string; input: unknown };

export type ServerFrame =
  | { t: 'hello'; resumeToken: string }
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'event'; event: string; payload: unknown };

export const WS_PATH = '/ipc';
export const RESUME_TOKEN_KEY = 'ck.resumeToken';
