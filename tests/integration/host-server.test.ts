import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startHostServer, type HostServer } from '../../electron/host/server';
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
