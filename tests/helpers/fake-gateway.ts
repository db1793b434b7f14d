/**
 * A tiny gateway for engine tests: speaks the protocol over real HTTP on loopback, verifies
 * signatures, deduplicates by client request id, and lets a test script exactly what each call
 * meets (lost answer, hang, 503, 429, garbage, 404). The full simulation is the sandbox network;
 * this one exists to drive the engine down one precise path at a time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256Hex, verifySignature } from '../../electron/gateway/signing';

export type FakeFault = 'none' | 'lost' | 'drop' | 'hang' | 'busy' | 'limited' | 'garbage' | 'notFound' | 'badEnvelope';

export interface FakeCall {
  kind: 'submit' | 'status';
  id: string;
  channel: string;
  /** how many calls of this kind about this id came before (0 = the first) */
  n: number;
}

export type FakeOutcome =
  | { status: 'answered'; feedback: unknown }
  | { status: 'rejected'; rejection: { code: string; message: string } }
  | { status: 'processing' };

export interface FakeGatewayOptions {
  stationId?: string;
  stationSecret?: string;
  officers?: string[];
  /** the outcome once feedback is due, decided per request */
  outcome?: (body: Record<string, unknown>) => FakeOutcome;
  /** polls answered "processing" before the outcome shows */
  pollsBeforeAnswer?: number;
  fault?: (c: FakeCall) => FakeFault;
  retryAfterSeconds?: number;
  /** every request/status answer is delayed this long (to observe concurrency) */
  delayMs?: number;
  port?: number;
}

interface Held {
  body: Record<string, unknown>;
  bodyHash: string;
  gatewayRef: string;
  channel: string;
  acceptedAt: string;
  polls: number;
}

export interface FakeGateway {
  url: string;
  port: number;
  stationId: string;
  stationSecret: string;
  stats: { submits: number; executed: number; duplicates: number; conflicts: number; statusCalls: number; refused: number };
  /** the most calls about one channel that were in the gateway at once */
  maxInFlight: Map<string, number>;
  /** request bodies as first executed, by client request id */
  bodies: Map<string, Record<string, unknown>>;
  /** client request ids in the order the gateway first executed them */
  executed: string[];
  /** client request ids of every submit received (with repeats) */
  submitted: string[];
  close(): Promise<void>;
}

export async function startFakeGateway(o: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const stationId = o.stationId ?? 'CK-520103-01';
  const stationSecret = o.stationSecret ?? 'fake-secret-0123456789';
  const officers = new Set(o.officers ?? ['F520103001']);
  const held = new Map<string, Held>();
  const calls = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();
  const stats = { submits: 0, executed: 0, duplicates: 0, conflicts: 0, statusCalls: 0, refused: 0 };
  const executed: string[] = [];
  const submitted: string[] = [];
  const bodies = new Map<string, Record<string, unknown>>();
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  let seq = 0;
  const enter = (channel: string) => {
    const n = (inFlight.get(channel) ?? 0) + 1;
    inFlight.set(channel, n);
    maxInFlight.set(channel, Math.max(n, maxInFlight.get(channel) ?? 0));
    return () => inFlight.set(channel, (inFlight.get(channel) ?? 1) - 1);
  };
  const later = (fn: () => void) => (o.delayMs ? void setTimeout(fn, o.delayMs) : fn());

  const nth = (kind: string, id: string) => {
    const k = `${kind}:${id}`;
    const n = calls.get(k) ?? 0;
    calls.set(k, n + 1);
    return n;
  };
  const json = (res: http.ServerResponse, status: number, v: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(v));
  };
  const error = (res: http.ServerResponse, status: number, code: string, message = code, headers: Record<string, string> = {}) =>
    json(res, status, { error: { code, message } }, headers);

  /** applies a scripted fault; true when the call is answered by it */
  const applyFault = (f: FakeFault, res: http.ServerResponse, req: http.IncomingMessage): boolean => {
    switch (f) {
      case 'drop':
        req.socket.destroy();
        return true;
      case 'hang':
        hanging.add(res);
        return true;
      case 'busy':
        error(res, 503, 'GW_BUSY', 'busy');
        return true;
      case 'limited':
        error(res, 429, 'RATE_LIMITED', 'slow down', { 'retry-after': String(o.retryAfterSeconds ?? 0) });
        return true;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>proxy error</html>');
        return true;
      case 'badEnvelope':
        json(res, 200, { hello: 'world' });
        return true;
      case 'notFound':
        error(res, 404, 'NOT_FOUND');
        return true;
      default:
        return false;
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      if (req.method === 'GET' && url === '/gw/v1/health') return json(res, 200, { ok: true, network: 'sandbox', time: new Date().toISOString() });
      const v = verifySignature(
        { method: req.method ?? 'GET', path: url, body: raw, headers: req.headers },
        (s) => (s === stationId ? stationSecret : undefined),
      );
      if (!v.ok) {
        stats.refused += 1;
        return error(res, 401, v.code);
      }
      if (!v.officerCode || !officers.has(v.officerCode)) {
        stats.refused += 1;
        return error(res, 403, 'OFFICER_NOT_REGISTERED');
      }

      if (req.method === 'POST' && url === '/gw/v1/requests') {
        const ch = (() => { try { return String((JSON.parse(raw) as { channel?: unknown }).channel ?? ''); } catch { return ''; } })();
        const leave = enter(ch);
        return later(() => { leave(); submit(); });
      }
      const m = /^\/gw\/v1\/requests\/([^/?]+)$/.exec(url);
      if (req.method === 'GET' && m) {
        const h0 = held.get(decodeURIComponent(m[1] ?? ''));
        const leave = enter(h0?.channel ?? '');
        return later(() => { leave(); status(m[1] ?? ''); });
      }
      error(res, 404, 'NOT_FOUND');

      function submit(): void {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          return error(res, 400, 'BAD_REQUEST', 'body is not JSON');
        }
        const id = typeof body.clientRequestId === 'string' ? body.clientRequestId : '';
        const channel = typeof body.channel === 'string' ? body.channel : '';
        if (!id || !channel) return error(res, 400, 'BAD_REQUEST', 'clientRequestId');
        stats.submits += 1;
        submitted.push(id);
        const f = o.fault?.({ kind: 'submit', id, channel, n: nth('submit', id) }) ?? 'none';
        // Faults that refuse the call happen before execution; 'lost' and 'hang' after it.
        if (f !== 'lost' && f !== 'hang' && applyFault(f, res, req)) return;
        const hash = sha256Hex(raw);
        let h = held.get(id);
        let httpStatus = 202;
        if (h) {
          if (h.bodyHash !== hash) {
            stats.conflicts += 1;
            return error(res, 409, 'IDEMPOTENCY_CONFLICT');
          }
          stats.duplicates += 1;
          httpStatus = 200;
        } else {
          h = { body, bodyHash: hash, gatewayRef: `GW${++seq}`, channel, acceptedAt: new Date().toISOString(), polls: 0 };
          held.set(id, h);
          stats.executed += 1;
          executed.push(id);
          bodies.set(id, body);
        }
        if (f === 'lost') {
          req.socket.destroy();
          return;
        }
        if (f === 'hang') {
          hanging.add(res);
          return;
        }
        return json(res, httpStatus, { clientRequestId: id, gatewayRef: h.gatewayRef, status: 'accepted', acceptedAt: h.acceptedAt });
      }

      function status(encodedId: string): void {
        const id = decodeURIComponent(encodedId);
        stats.statusCalls += 1;
        const h = held.get(id);
        const f = o.fault?.({ kind: 'status', id, channel: h?.channel ?? '', n: nth('status', id) }) ?? 'none';
        if (applyFault(f, res, req)) return;
        if (!h) return error(res, 404, 'NOT_FOUND');
        h.polls += 1;
        const base = { clientRequestId: id, gatewayRef: h.gatewayRef, channel: h.channel, kind: 'query', acceptedAt: h.acceptedAt };
        if (h.polls <= (o.pollsBeforeAnswer ?? 0)) return json(res, 200, { ...base, status: 'processing' });
        const out = o.outcome?.(h.body) ?? { status: 'answered', feedback: { records: [] } };
        if (out.status === 'processing') return json(res, 200, { ...base, status: 'processing' });
        return json(res, 200, { ...base, ...out, answeredAt: new Date().toISOString() });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stationId,
    stationSecret,
    stats,
    executed,
    submitted,
    maxInFlight,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
