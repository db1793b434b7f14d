/**
 * One HTTP exchange with the gateway over node:http / node:https with keep-alive sockets. Chosen
 * over global fetch because it costs about a third of the CPU per round trip, which keeps the main
 * process responsive while thousands of answers stream in (docs/architecture.md, principle 10; tests/bench/engine.bench.mjs).
 * Failures come out as the engine's typed transport errors: never sent (unreachable) or sent
 * without an answer (timeout, reset), see gateway-errors.ts. A certificate that fails verification
 * is its own failure (GatewayCertificate). With a pinned CA (gateway.json `caFile` / `ca`) that CA is
 * the only one trusted: Node's `ca` option replaces the bundled roots, it does not add to them.
 */
import http from 'node:http';
import https from 'node:https';
import { classifyTransportError, GatewayGarbage, GatewayNoAnswer, GatewayUnreachable } from './gateway-errors';

export interface HttpCall {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** aborts the call; it then rejects with the signal's reason */
  signal?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** answers larger than this are not feedback but a fault */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

class TimeoutMark extends Error {}

export interface HttpTransport {
  send(c: HttpCall): Promise<HttpAnswer>;
  /** closes idle keep-alive sockets */
  close(): void;
}

export interface HttpTransportOptions {
  /** PEM of the CA(s) to trust instead of the system's roots */
  ca?: string;
}

export function createHttpTransport(o: HttpTransportOptions = {}): HttpTransport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true, rejectUnauthorized: true, ...(o.ca ? { ca: o.ca } : {}) }),
  };

  function send(c: HttpCall): Promise<HttpAnswer> {
    if (c.signal?.aborted) return Promise.reject(c.signal.reason);
    return new Promise<HttpAnswer>((resolve, reject) => {
      const lib = c.url.protocol === 'https:' ? https : http;
      const agent = c.url.protocol === 'https:' ? agents['https:'] : agents['http:'];
      const headers: Record<string, string | number> = { ...c.headers };
      if (c.body !== undefined) headers['content-length'] = Buffer.byteLength(c.body);
      let settled = false;
      const done = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        c.signal?.removeEventListener('abort', onAbort);
        f();
      };
      const fail = (e: unknown) =>
        done(() => {
          if (c.signal?.aborted) return reject(c.signal.reason);
          // Timed out before a connection was made: nothing was sent (a dropped route, not a slow gateway).
          if (e instanceof TimeoutMark && !connected) return reject(new GatewayUnreachable('ETIMEDOUT'));
          if (e instanceof TimeoutMark) return reject(new GatewayNoAnswer('timeout'));
          if (e instanceof GatewayGarbage) return reject(e);
          reject(classifyTransportError(e));
        });

      const req = lib.request(c.url, { method: c.method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (b: Buffer) => {
          size += b.length;
          if (size > MAX_ANSWER_BYTES) {
            req.destroy(new GatewayGarbage(res.statusCode ?? 0, 'answer too large'));
            return;
          }
          chunks.push(b);
        });
        res.on('end', () => {
          if (!res.complete) return fail(Object.assign(new Error('answer cut off'), { code: 'ECONNRESET' }));
          done(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        });
        res.on('error', fail);
        res.on('aborted', () => fail(Object.assign(new Error('answer aborted'), { code: 'ECONNRESET' })));
      });
      let connected = false;
      req.on('socket', (sock) => {
        // A kept-alive socket is connected already; a new one says so when it is.
        if (!sock.connecting) connected = true;
        else sock.once('connect', () => (connected = true));
      });
      // The timeout covers connecting, sending and the whole answer: one cut off half-way is no answer.
      const timer = setTimeout(() => req.destroy(new TimeoutMark('timeout')), c.timeoutMs);
      const onAbort = () => req.destroy(c.signal?.reason instanceof Error ? c.signal.reason : new Error('aborted'));
      c.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', fail);
      if (c.body !== undefined) req.end(c.body);
      else req.end();
    });
  }

  return {
    send,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
