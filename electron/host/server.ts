/**
 * Host mode (docs/architecture.md §3): the same services and router in plain
 * Node, serving the built renderer to a browser on loopback and carrying the IPC contract over a
 * WebSocket. The printed address `/open?token=…` is exchanged once for an HttpOnly, SameSite=Strict
 * session cookie (the notebook-server pattern), so that more tabs and a reopened browser get in;
 * the WebSocket is accepted only with that cookie, from our own Origin and Host, so that another
 * web page or a DNS-rebinding attack cannot reach the services. Each socket is a connection of its
 * own and starts signed out; a reloaded page resumes its connection with a short-lived resume token.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Router } from '../ipc/router';
import type { CallContext } from '../../shared/ipc/contract';
import { OPEN_PATH, WS_PATH, type ClientFrame, type ServerFrame } from '../../shared/ipc/ws-protocol';
import { appError } from '../../shared/errors';
import { contentSecurityPolicy } from '../main/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

export interface HostServer {
  url: string;
  /** the address to open: `/open?token=…`, exchanged once for the browser's session cookie */
  openUrl: string;
  port: number;
  /** sends an event to the pages whose connection is in `audience` (all pages when absent) */
  emit(event: string, payload: unknown, audience?: ReadonlySet<string>): void;
  /** the same with the event frame already encoded (by the core thread) */
  emitJson(frame: string, audience?: ReadonlySet<string>): void;
  /** issues another one-time opening address (e.g. for another browser) */
  newOpenUrl(): string;
  close(): Promise<void>;
}

/**
 * Answers a call with the router's Result as JSON text. In host mode the core thread encodes it
 * (core-thread.ts), so this thread only frames and sends it; a router in this thread (tests) is
 * wrapped by `relayOf`.
 */
export type CallRelay = (group: string, method: string, input: unknown, ctx: Required<CallContext>) => Promise<string>;

export function relayOf(router: Router): CallRelay {
  return async (group, method, input, ctx) => {
    try {
      return JSON.stringify(await router(group, method, input, ctx));
    } catch {
      return JSON.stringify({ ok: false, error: appError('INTERNAL') });
    }
  };
}

export interface HostOptions {
  rendererDir: string;
  /** the calls' relay to the core thread (host mode) … */
  relay?: CallRelay;
  /** … or a router answering in this thread (one of the two) */
  router?: Router;
  port?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
  /** a page's connection is gone for good (closed and not resumed within the grace period) */
  onGone?: (connection: string) => void;
  /** how long a closed page may come back with its resume token */
  resumeGraceMs?: number;
  /** how long a resume token is good for at most; an open page is sent a fresh one before that */
  resumeTtlMs?: number;
  /** how long the browser's session cookie is good for */
  cookieMaxAgeMs?: number;
}

const token = () => randomBytes(24).toString('base64url');

/** one frame at most: a spreadsheet to import (5 MB, in base64; docs/sheets.md) is the largest call */
export const MAX_FRAME_BYTES = 8 << 20;
/** a page's calls per second at most; a runaway or hostile page is cut off, not the process */
export const MAX_MESSAGES_PER_SECOND = 200;

/** A request target as a URL on our origin, or null when it is not one (`//[`, `http://x`, …). */
function parseTarget(raw: string | undefined, origin: string): URL | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    const u = new URL(raw, origin);
    return u.origin === origin ? u : null;
  } catch {
    return null;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

const LOCKED_OUT_PAGE =
  '<!doctype html><meta charset="utf-8"><title>查控台</title>' +
  '<p>此打开地址已使用过或已失效。已打开查控台的浏览器可直接访问本机地址；其他浏览器请使用查控台新打印的地址。</p>' +
  '<p lang="en">This opening address was used already or is no longer valid. A browser that opened it can go straight to the address; another browser needs a new address printed by Chakong Desk.</p>';

export async function startHostServer(opts: HostOptions): Promise<HostServer> {
  const log = opts.log ?? (() => {});
  const relay = opts.relay ?? (opts.router ? relayOf(opts.router) : undefined);
  if (!relay) throw new Error('startHostServer: a relay or a router answers the calls');
  const graceMs = opts.resumeGraceMs ?? 60_000;
  const resumeTtlMs = opts.resumeTtlMs ?? 10 * 60_000;
  const cookieMaxAgeMs = opts.cookieMaxAgeMs ?? 12 * 3600_000;
  /** one-time opening tokens, not yet exchanged */
  const openTokens = new Set<string>();
  /** browser session cookies → when they expire; a cookie admits the browser, not an officer */
  const browserSessions = new Map<string, number>();
  /** resume tokens → the connection they were issued to, for the browser holding that cookie */
  const resumes = new Map<string, { connection: string; cookie: string; expires: number }>();
  const goneTimers = new Map<string, NodeJS.Timeout>();
  const connectionOfSocket = new Map<WebSocket, string>();
  const root = path.resolve(opts.rendererDir);
  let origin = '';
  let cookieName = '';
  /** the page may connect to its one socket on this server, nothing else */
  let csp = contentSecurityPolicy();

  /** the browser's session cookie when it is one we issued and it is still good */
  const browserSession = (req: http.IncomingMessage): string | undefined => {
    const v = cookieValue(req.headers.cookie, cookieName);
    const expires = v === undefined ? undefined : browserSessions.get(v);
    if (v === undefined || expires === undefined) return undefined;
    if (expires <= Date.now()) {
      browserSessions.delete(v);
      return undefined;
    }
    return v;
  };

  /** `/open?token=…`: the one-time token becomes the browser's session cookie, and the page opens */
  const exchange = (req: http.IncomingMessage, res: http.ServerResponse, u: URL) => {
    const t = u.searchParams.get('token') ?? '';
    if (openTokens.delete(t)) {
      const cookie = token();
      browserSessions.set(cookie, Date.now() + cookieMaxAgeMs);
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${cookieName}=${cookie}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.floor(cookieMaxAgeMs / 1000)}`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      });
      res.end();
      return;
    }
    // used already: a browser that holds the cookie (the printed address clicked again) just goes in
    if (browserSession(req)) {
      res.writeHead(303, { location: '/', 'cache-control': 'no-store' }).end();
      return;
    }
    log('warn', 'opening token refused');
    res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.end(LOCKED_OUT_PAGE);
  };

  const issueResume = (connection: string, cookie: string): string => {
    const r = token();
    resumes.set(r, { connection, cookie, expires: Date.now() + resumeTtlMs });
    return r;
  };
  const dropResumes = (connection: string) => {
    for (const [r, e] of resumes) if (e.connection === connection) resumes.delete(r);
  };

  const server = http.createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? '';
      if (host !== new URL(origin).host) {
        res.writeHead(421).end();
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      const u = parseTarget(req.url, origin);
      let rel: string | null = null;
      try {
        rel = u && decodeURIComponent(u.pathname === '/' ? '/index.html' : u.pathname);
      } catch {
        // a malformed %-escape
      }
      if (!u || rel === null) {
        res.writeHead(400).end();
        return;
      }
      if (u.pathname === OPEN_PATH) return exchange(req, res, u);
      const file = path.resolve(root, `.${rel}`);
      if (!file.startsWith(root + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      const body = await fs.readFile(file).catch(() => null);
      if (!body) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(500).end();
    }
  });

  // ws closes a frame over maxPayload with 1009 and invalid UTF-8 with 1007 and emits 'error' on the
  // socket: each socket has an 'error' listener so that such a frame ends that socket, never the process.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const refuse = (code: number) => {
      socket.end(`HTTP/1.1 ${code} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const u = parseTarget(req.url, origin);
    if (!u) return refuse(400);
    if (u.pathname !== WS_PATH) return refuse(404);
    if (req.headers.host !== new URL(origin).host || req.headers.origin !== origin) return refuse(403);
    const cookie = browserSession(req);
    if (!cookie) {
      log('warn', 'ws without a session cookie refused');
      return refuse(401);
    }
    // A resume token brings a reloaded page back to its connection (and so its sign-in); anything
    // else is a new connection, which is not signed in (services/session.ts).
    const r = u.searchParams.get('resume') ?? '';
    const entry = resumes.get(r);
    resumes.delete(r);
    const resumed = !!entry && entry.cookie === cookie && entry.expires > Date.now();
    const connection = resumed ? entry.connection : randomBytes(12).toString('hex');
    const pendingGone = goneTimers.get(connection);
    if (pendingGone) {
      clearTimeout(pendingGone);
      goneTimers.delete(connection);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // one socket per connection: a page resuming it takes over from a socket not yet seen closing
      for (const [other, c] of connectionOfSocket) if (c === connection) other.terminate();
      sockets.add(ws);
      connectionOfSocket.set(ws, connection);
      const send = (f: ServerFrame) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(f));
      let resume = issueResume(connection, cookie);
      send({ t: 'hello', resumeToken: resume, resumed });
      // a page open for long gets a fresh resume token before its own expires
      const renew = setInterval(() => {
        resumes.delete(resume);
        resume = issueResume(connection, cookie);
        send({ t: 'resume', resumeToken: resume });
      }, Math.max(1000, Math.floor(resumeTtlMs / 2)));
      renew.unref?.();
      ws.on('error', (e) => log('warn', 'ws frame refused', { connection, error: e.message }));
      let windowStart = 0;
      let inWindow = 0;
      ws.on('message', async (data, isBinary) => {
        const now = Date.now();
        if (now - windowStart >= 1000) {
          windowStart = now;
          inWindow = 0;
        }
        if (++inWindow > MAX_MESSAGES_PER_SECOND) {
          if (ws.readyState === ws.OPEN) {
            log('warn', 'ws rate limit', { connection });
            ws.close(1008, 'too many messages');
          }
          return;
        }
        if (isBinary) return;
        let frame: ClientFrame;
        try {
          frame = JSON.parse(String(data));
        } catch {
          return;
        }
        if (!frame || frame.t !== 'call' || typeof frame.id !== 'number') return;
        const json = await relay(String(frame.group), String(frame.method), frame.input, { transport: 'host', connection });
        if (ws.readyState === ws.OPEN) ws.send(`{"t":"result","id":${JSON.stringify(frame.id)},"result":${json}}`);
      });
      ws.on('close', () => {
        clearInterval(renew);
        sockets.delete(ws);
        connectionOfSocket.delete(ws);
        if ([...connectionOfSocket.values()].includes(connection)) return; // taken over, not gone
        // the page may come back with its resume token (a reload, a dropped link); if not, it is gone
        // and so is every resume token issued to it
        const timer = setTimeout(() => {
          goneTimers.delete(connection);
          dropResumes(connection);
          opts.onGone?.(connection);
        }, graceMs);
        timer.unref?.();
        goneTimers.set(connection, timer);
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  // cookies are not kept apart by port: each server names its own
  cookieName = `ck_session_${port}`;
  csp = contentSecurityPolicy(`ws://127.0.0.1:${port}`);
  const newOpenUrl = () => {
    const t = token();
    openTokens.add(t);
    return `${origin}${OPEN_PATH}?token=${t}`;
  };

  const emitJson = (msg: string, audience?: ReadonlySet<string>) => {
    for (const ws of sockets) {
      const c = connectionOfSocket.get(ws);
      if (ws.readyState === ws.OPEN && (!audience || (c !== undefined && audience.has(c)))) ws.send(msg);
    }
  };

  return {
    url: origin,
    port,
    openUrl: newOpenUrl(),
    newOpenUrl,
    emit: (event, payload, audience) => emitJson(JSON.stringify({ t: 'event', event, payload } satisfies ServerFrame), audience),
    emitJson,
    async close() {
      for (const t of goneTimers.values()) clearTimeout(t);
      goneTimers.clear();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
