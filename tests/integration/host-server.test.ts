import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import net from 'node:net';
import { MAX_MESSAGES_PER_SECOND, startHostServer, type HostServer } from '../../electron/host/server';
import { ok } from '../../shared/result';

let dir: string;
let host: HostServer;
const calls: unknown[] = [];

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-host-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>查控台</title>');
  host = await startHostServer({
    rendererDir: dir,
    router: async (g, m, input) => (calls.push([g, m, input]), ok({ g, m })),
  });
});
afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
  calls.length = 0;
});

function connect(token: string, origin = host.url): Promise<{ ws: WebSocket; hello: any }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}/ipc?token=${token}`, { origin });
    ws.once('message', (d) => resolve({ ws, hello: JSON.parse(String(d)) }));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}
const tokenOf = (openUrl: string) => new URL(openUrl).hash.replace('#token=', '');

describe('host mode server', () => {
  it('serves the renderer with a strict CSP and refuses paths outside it', async () => {
    const res = await fetch(`${host.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('查控台');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const out = await fetch(`${host.url}/..%2f..%2fetc%2fpasswd`);
    expect([403, 404]).toContain(out.status);
  });

  it('accepts the one-time token once, then only the resume token it handed out', async () => {
    const t = tokenOf(host.openUrl);
    const first = await connect(t);
    expect(first.hello.t).toBe('hello');
    await expect(connect(t)).rejects.toThrow(/401/);
    const second = await connect(first.hello.resumeToken);
    expect(second.hello.resumeToken).not.toBe(first.hello.resumeToken);
    await expect(connect(first.hello.resumeToken)).rejects.toThrow(/401/);
    first.ws.close();
    second.ws.close();
  });

  it('refuses a connection from another origin even with a valid token', async () => {
    await expect(connect(tokenOf(host.openUrl), 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('carries calls to the router and events to the page', async () => {
    const { ws } = await connect(tokenOf(host.openUrl));
    const answer = new Promise<any>((r) => ws.on('message', (d) => {
      const f = JSON.parse(String(d));
      if (f.t === 'result') r(f);
    }));
    ws.send(JSON.stringify({ t: 'call', id: 7, group: 'cases', method: 'list', input: { limit: 5 } }));
    expect(await answer).toEqual({ t: 'result', id: 7, result: { ok: true, value: { g: 'cases', m: 'list' } } });
    expect(calls).toEqual([['cases', 'list', { limit: 5 }]]);
    const ev = new Promise<any>((r) => ws.on('message', (d) => {
      const f = JSON.parse(String(d));
      if (f.t === 'event') r(f);
    }));
    host.emit('network.status', { online: false });
    expect(await ev).toEqual({ t: 'event', event: 'network.status', payload: { online: false } });
    ws.close();
  });
});

/** One raw HTTP exchange, so that a request target no client library would send can be sent. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => (out += d));
    s.on('end', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('error', reject);
    s.setTimeout(5000, () => s.destroy());
  });
}

/** the server still answers a normal call: the process and its other sockets are unharmed */
async function stillServes(): Promise<void> {
  expect((await fetch(`${host.url}/`)).status).toBe(200);
  const { ws } = await connect(tokenOf(host.newOpenUrl()));
  const answer = new Promise<any>((r) => ws.on('message', (d) => r(JSON.parse(String(d)))));
  ws.send(JSON.stringify({ t: 'call', id: 1, group: 'cases', method: 'list', input: {} }));
  expect((await answer).result).toEqual({ ok: true, value: { g: 'cases', m: 'list' } });
  ws.close();
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((r) => ws.once('close', (code, reason) => r({ code, reason: String(reason) })));
}

describe('host mode server refuses what would have ended the process', () => {
  it('a request target that is no URL of ours (GET //[) gets 400, over HTTP and as an upgrade', async () => {
    const get = await rawRequest(host.port, `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
    expect(get).toMatch(/^HTTP\/1\.1 400/);
    await stillServes();
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}//%5B`, { origin: host.url });
    const status = await new Promise<number>((r) => {
      ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0));
      ws.once('error', () => r(-1));
    });
    expect(status).toBe(400);
    const upgrade = await rawRequest(
      host.port,
      `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${Buffer.alloc(16, 1).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 400/);
    await stillServes();
  });

  it('a frame over 1 MiB closes that socket with 1009', async () => {
    const { ws } = await connect(tokenOf(host.newOpenUrl()));
    const closed = closeOf(ws);
    ws.send('x'.repeat(1_100_000));
    expect((await closed).code).toBe(1009);
    await stillServes();
  });

  it('a text frame that is not UTF-8 closes that socket with 1007', async () => {
    const { ws } = await connect(tokenOf(host.newOpenUrl()));
    const closed = closeOf(ws);
    // the client would refuse to send it: write the masked frame to the socket underneath
    const payload = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const mask = Buffer.from([1, 2, 3, 4]);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    (ws as any)._socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
    expect((await closed).code).toBe(1007);
    await stillServes();
  });

  it('a page sending more than 200 messages in a second is closed with 1008 and a reason', async () => {
    const { ws } = await connect(tokenOf(host.newOpenUrl()));
    const closed = closeOf(ws);
    for (let i = 0; i < MAX_MESSAGES_PER_SECOND + 50; i++) ws.send(JSON.stringify({ t: 'call', id: i, group: 'cases', method: 'list', input: {} }));
    const c = await closed;
    expect(c.code).toBe(1008);
    expect(c.reason).toMatch(/too many messages/);
    expect(calls.length).toBeLessThanOrEqual(MAX_MESSAGES_PER_SECOND);
    await stillServes();
  });
});
