import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../electron/gateway/signing';
import { createGatewayClient, parseRetryAfter } from '../../electron/engine/gateway-client';
import {
  classifyTransportError, GatewayGarbage, GatewayHttpError, GatewayNoAnswer, GatewayUnreachable,
} from '../../electron/engine/gateway-errors';
import type { SubmitBody } from '../../electron/engine/gateway-wire';

const SECRET = 'k'.repeat(32);
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
let handler: Handler = () => {};
let server: http.Server;
let url = '';
const seen: Array<{ path: string; officer: string | undefined; verified: boolean }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const v = verifySignature({ method: req.method!, path: req.url!, body, headers: req.headers }, (s) => (s === 'ST' ? SECRET : undefined));
      seen.push({ path: req.url!, officer: req.headers['x-ck-officer'] as string | undefined, verified: v.ok });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const client = (timeoutMs = 10_000) => createGatewayClient({ url, stationId: 'ST', stationSecret: SECRET, timeoutMs });
const json = (res: http.ServerResponse, status: number, v: unknown, h: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...h });
  res.end(typeof v === 'string' ? v : JSON.stringify(v));
};
const body: SubmitBody = {
  clientRequestId: 'id-1', channel: 'bank.icbc', kind: 'query', case: { number: '(2025)黔0103执1号', court: '黔0103' },
  subject: { kind: 'person', name: 'x', idNumber: 'y' }, officer: { code: 'F1', name: 'o' },
  documents: [], purpose: 'p', legalBasis: 'l', params: {},
};
const statusOf = (id: string, extra: object = {}) => ({ clientRequestId: id, gatewayRef: 'G1', channel: 'bank.icbc', kind: 'query', status: 'processing', acceptedAt: 't', ...extra });

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('gateway client', () => {
  it('signs every call with the station and the acting officer, over the exact wire path', async () => {
    handler = (req, res) => {
      if (req.url!.startsWith('/gw/v1/officers')) return json(res, 200, [{ code: 'F1', name: 'n', court: '黔0103', role: 'judge' }]);
      if (req.url!.startsWith('/court/v1/cases')) return json(res, 200, { total: 0, items: [] });
      if (req.url === '/gw/v1/requests') return json(res, 202, { clientRequestId: 'id-1', gatewayRef: 'G1', status: 'accepted', acceptedAt: 't' });
      return json(res, 200, statusOf('id/2'));
    };
    seen.length = 0;
    const c = client();
    const s = await c.submit(body, { officerCode: 'F1' });
    expect(s.created).toBe(true);
    expect(JSON.parse(s.sent)).toEqual(body);
    await c.status('id/2', { officerCode: 'F1' });
    expect(await c.officers('黔0103')).toHaveLength(1);
    expect((await c.courtCases('黔0103', 0, 10, { officerCode: 'F1' })).total).toBe(0);
    expect(seen.every((x) => x.verified)).toBe(true);
    expect(seen.map((x) => x.officer)).toEqual(['F1', 'F1', undefined, 'F1']);
    expect(seen[1]!.path).toBe('/gw/v1/requests/id%2F2');
    expect(seen[2]!.path).toBe('/gw/v1/officers?court=%E9%BB%940103');
  });

  it('maps error envelopes to typed errors with the protocol code and Retry-After', async () => {
    const c = client();
    for (const [status, code] of [[400, 'BAD_REQUEST'], [401, 'BAD_SIGNATURE'], [403, 'OFFICER_NOT_REGISTERED'], [404, 'NOT_FOUND'], [409, 'IDEMPOTENCY_CONFLICT'], [503, 'GW_BUSY']] as const) {
      handler = (_q, res) => json(res, status, { error: { code, message: 'm' } });
      const e = await failure(c.status('a', { officerCode: 'F1' }));
      expect(e).toBeInstanceOf(GatewayHttpError);
      expect((e as GatewayHttpError).code).toBe(code);
      expect((e as GatewayHttpError).httpStatus).toBe(status);
      expect((e as GatewayHttpError).transient).toBe(status === 503);
    }
    handler = (_q, res) => json(res, 429, { error: { code: 'RATE_LIMITED', message: 'm' } }, { 'retry-after': '3' });
    const e = (await failure(c.submit(body, { officerCode: 'F1' }))) as GatewayHttpError;
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.retryAfterMs).toBe(3_000);
    expect(e.transient).toBe(true);
    handler = (_q, res) => json(res, 418, { error: { code: 'TEAPOT', message: 'm' } });
    expect(await failure(c.status('a', { officerCode: 'F1' }))).toMatchObject({ code: 'UNKNOWN', gatewayCode: 'TEAPOT' });
  });

  it('anything but the envelope is GatewayGarbage', async () => {
    const c = client();
    const cases: Handler[] = [
      (_q, res) => json(res, 200, '<html>oops</html>'),
      (_q, res) => json(res, 200, '{"clientRequestId":"a","gatewayRef":"G'),
      (_q, res) => json(res, 200, { hello: 1 }),
      (_q, res) => json(res, 200, statusOf('someone-else')),
      (_q, res) => json(res, 200, statusOf('a', { status: 'answered' })), // answered without feedback
      (_q, res) => json(res, 200, statusOf('a', { status: 'finished' })),
      (_q, res) => json(res, 502, '<html>bad gateway</html>'),
    ];
    for (const h of cases) {
      handler = h;
      expect(await failure(c.status('a', { officerCode: 'F1' }))).toBeInstanceOf(GatewayGarbage);
    }
  });

  it('a timeout or a dropped connection is "no answer"; a refused connection is "unreachable"', async () => {
    const c = client(200);
    handler = () => {}; // never answers
    const t = await failure(c.submit(body, { officerCode: 'F1' }));
    expect(t).toBeInstanceOf(GatewayNoAnswer);
    expect((t as GatewayNoAnswer).reason).toBe('timeout');

    handler = (req) => req.socket.destroy();
    const d = await failure(c.submit(body, { officerCode: 'F1' }));
    expect(d).toBeInstanceOf(GatewayNoAnswer);
    expect((d as GatewayNoAnswer).reason).toBe('reset');

    handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"clientRequestId":');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    expect(await failure(c.status('a', { officerCode: 'F1' }))).toBeInstanceOf(GatewayNoAnswer);

    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const down = createGatewayClient({ url: `http://127.0.0.1:${port}`, stationId: 'ST', stationSecret: SECRET });
    const u = await failure(down.health());
    expect(u).toBeInstanceOf(GatewayUnreachable);
    expect((u as GatewayUnreachable).errno).toBe('ECONNREFUSED');
  });

  it("the caller's signal cancels a call with the caller's reason", async () => {
    handler = () => {};
    const ac = new AbortController();
    const p = failure(createGatewayClient({ url, stationId: 'ST', stationSecret: SECRET, timeoutMs: 10_000 }).health({ signal: ac.signal }));
    const reason = new Error('stopping');
    setTimeout(() => ac.abort(reason), 20);
    expect(await p).toBe(reason);
  });
});

describe('transport error classification', () => {
  const err = (code: string) => Object.assign(new Error(code), { code });
  it('treats only never-sent codes as unreachable', () => {
    expect(classifyTransportError(new TypeError('fetch failed', { cause: err('ECONNREFUSED') }))).toBeInstanceOf(GatewayUnreachable);
    expect(classifyTransportError(new TypeError('fetch failed', { cause: err('ENOTFOUND') }))).toBeInstanceOf(GatewayUnreachable);
    expect(classifyTransportError(new TypeError('fetch failed', { cause: new AggregateError([err('ECONNREFUSED'), err('EHOSTUNREACH')]) }))).toBeInstanceOf(GatewayUnreachable);
    expect(classifyTransportError(new TypeError('fetch failed', { cause: err('ECONNRESET') }))).toBeInstanceOf(GatewayNoAnswer);
    expect(classifyTransportError(new TypeError('terminated', { cause: err('UND_ERR_SOCKET') }))).toBeInstanceOf(GatewayNoAnswer);
    // unknown: assume it may have arrived (the safe side for docs/domain.md rule 7)
    expect(classifyTransportError(new Error('weird'))).toBeInstanceOf(GatewayNoAnswer);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = new Date('2025-03-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter(null, now)).toBe(1_000);
    expect(parseRetryAfter('soon', now)).toBe(1_000);
  });
});
