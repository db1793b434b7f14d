/**
 * Host mode (DESIGN "IPC: one contract, two transports"): the same services and router in plain
 * Node, serving the built renderer to a browser on loopback and carrying the IPC contract over a
 * WebSocket. Guarded by a one-time token in the opening URL; each accepted connection receives a
 * fresh single-use resume token. The WebSocket also checks Origin and Host so that another web page
 * or a DNS-rebinding attack cannot reach the services.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Router } from '../ipc/router';
import { WS_PATH, type ClientFrame, type ServerFrame } from '../../shared/ipc/ws-protocol';
import { appError } from '../../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../main/csp';

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
  /** the address to open, with the one-time token */
  openUrl: string;
  port: number;
  /** sends an event to the pages whose connection is in `audience` (all pages when absent) */
  emit(event: string, payload: unknown, audience?: ReadonlySet<string>): void;
  /** issues another one-time opening address (e.g. for a second window) */
  newOpenUrl(): string;
  close(): Promise<void>;
}

export interface HostOptions {
  rendererDir: string;
  router: Router;
  port?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
  /** a page's connection is gone for good (closed and not resumed within the grace period) */
  onGone?: (connection: string) => void;
  /** how long a closed page may come back with its resume token */
  resumeGraceMs?: number;
}

const token = () => randomBytes(24).toString('base64url');

/** one frame at most (the largest call, a docket import, is far below) */
export const MAX_FRAME_BYTES = 1 << 20;
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

export async function startHostServer(opts: HostOptions): Promise<HostServer> {
  const log = opts.log ?? (() => {});
  /** opening tokens (→ a new connection) and resume tokens (→ the connection they were issued to) */
  const tokens = new Map<string, string | null>();
  const graceMs = opts.resumeGraceMs ?? 60_000;
  const goneTimers = new Map<string, NodeJS.Timeout>();
  const connectionOfSocket = new Map<WebSocket, string>();
  const root = path.resolve(opts.rendererDir);
  let origin = '';

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
        'content-security-policy': CONTENT_SECURITY_POLICY,
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
    const t = u.searchParams.get('token') ?? '';
    const lineage = tokens.get(t);
    if (lineage === undefined) {
      log('warn', 'ws token refused');
      return refuse(401);
    }
    tokens.delete(t);
    const connection = lineage ?? randomBytes(12).toString('hex');
    const pendingGone = goneTimers.get(connection);
    if (pendingGone) {
      clearTimeout(pendingGone);
      goneTimers.delete(connection);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      connectionOfSocket.set(ws, connection);
      const send = (f: ServerFrame) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(f));
      const resume = token();
      tokens.set(resume, connection);
      send({ t: 'hello', resumeToken: resume });
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
        let result;
        try {
          result = await opts.router(String(frame.group), String(frame.method), frame.input, { transport: 'host', connection });
        } catch {
          result = { ok: false as const, error: appError('INTERNAL') };
        }
        send({ t: 'result', id: frame.id, result });
      });
      ws.on('close', () => {
        sockets.delete(ws);
        connectionOfSocket.delete(ws);
        // the page may come back with its resume token (a reload, a dropped link); if not, it is gone
        const timer = setTimeout(() => {
          goneTimers.delete(connection);
          tokens.delete(resume);
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
  const newOpenUrl = () => {
    const t = token();
    tokens.set(t, null);
    return `${origin}/#token=${t}`;
  };

  return {
    url: origin,
    port,
    openUrl: newOpenUrl(),
    newOpenUrl,
    emit(event, payload, audience) {
      const msg = JSON.stringify({ t: 'event', event, payload } satisfies ServerFrame);
      for (const ws of sockets) {
        const c = connectionOfSocket.get(ws);
        if (ws.readyState === ws.OPEN && (!audience || (c !== undefined && audience.has(c)))) ws.send(msg);
      }
    },
    async close() {
      for (const t of goneTimers.values()) clearTimeout(t);
      goneTimers.clear();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
