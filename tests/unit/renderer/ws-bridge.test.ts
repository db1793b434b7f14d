// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { RESUME_TOKEN_KEY } from '../../../shared/ipc/ws-protocol';
import { allCalls } from '../../../shared/ipc/contract';
import { createWsBridge, type WebSocketLike } from '../../../renderer/src/api/ws-bridge';
import { getApi, resetApiForTests } from '../../../renderer/src/api/get-api';

class FakeSocket implements WebSocketLike {
  sent: any[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code?: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  // server side
  open(resumeToken = 'resume-1', resumed = false) {
    this.onopen?.({});
    this.frame({ t: 'hello', resumeToken, resumed });
  }
  frame(f: unknown) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  drop() {
    this.onclose?.({ code: 1006 });
  }
}

function setup(kept?: string) {
  const sockets: FakeSocket[] = [];
  const timers: (() => void)[] = [];
  const storage = new Map<string, string>(kept ? [[RESUME_TOKEN_KEY, kept]] : []);
  const bridge = createWsBridge({
    baseUrl: 'ws://127.0.0.1:4567',
    storage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    random: () => 0.5,
    setTimer: (fn) => void timers.push(fn),
  });
  const runTimers = () => timers.splice(0).forEach((f) => f());
  return { bridge, api: bridge.api, sockets, storage, runTimers };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('host-mode WebSocket bridge', () => {
  it('has one method per call of the contract', () => {
    const { api } = setup();
    for (const [g, m] of allCalls()) expect(typeof (api as any)[g][m]).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('connects (the cookie admits the browser), keeps the resume token, sends call frames and resolves results', async () => {
    const { api, sockets, storage, bridge } = setup();
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:4567/ipc');
    expect(bridge.connection.get()).toBe('connecting');
    const p = api.cases.list({ search: '张三', limit: 20 });
    await flush();
    expect(sockets[0]!.sent).toEqual([]); // waits for hello
    sockets[0]!.open('resume-abc');
    expect(storage.get(RESUME_TOKEN_KEY)).toBe('resume-abc');
    expect(bridge.connection.get()).toBe('open');
    expect(sockets[0]!.sent).toEqual([{ t: 'call', id: 1, group: 'cases', method: 'list', input: { search: '张三', limit: 20 } }]);
    sockets[0]!.frame({ t: 'result', id: 1, result: { ok: true, value: { total: 0, items: [] } } });
    await expect(p).resolves.toEqual({ ok: true, value: { total: 0, items: [] } });

    const q = api.query.start({ caseId: 'c1' });
    expect(sockets[0]!.sent[1]).toEqual({ t: 'call', id: 2, group: 'query', method: 'start', input: { caseId: 'c1' } });
    sockets[0]!.frame({ t: 'result', id: 2, result: { ok: false, error: { code: 'NOT_FOUND', message: '未找到', messageEn: 'Not found' } } });
    expect((await q).ok).toBe(false);
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { api, sockets } = setup();
    sockets[0]!.open();
    const seen: unknown[] = [];
    const off = api.on('network.status', (p) => seen.push(p));
    sockets[0]!.frame({ t: 'event', event: 'network.status', payload: { online: false } });
    sockets[0]!.frame({ t: 'event', event: 'session.locked', payload: { reason: 'idle' } });
    off();
    sockets[0]!.frame({ t: 'event', event: 'network.status', payload: { online: true } });
    expect(seen).toEqual([{ online: false }]);
  });

  it('reconnects with the resume token; a read in flight is sent again, a write is answered with an error', async () => {
    const { api, sockets, storage, bridge, runTimers } = setup();
    sockets[0]!.open('resume-1');
    const read = api.cases.get({ caseId: 'c1' });
    const write = api.cases.create({} as any);
    sockets[0]!.drop();
    expect(bridge.connection.get()).toBe('reconnecting');
    const w = await write;
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.error.message).toContain('连接中断');
    const later = api.network.status({});
    runTimers();
    expect(sockets[1]!.url).toBe('ws://127.0.0.1:4567/ipc?resume=resume-1');
    sockets[1]!.open('resume-2', true);
    expect(storage.get(RESUME_TOKEN_KEY)).toBe('resume-2');
    expect(sockets[1]!.sent.map((f) => `${f.group}.${f.method}`)).toEqual(['cases.get', 'network.status']);
    sockets[1]!.frame({ t: 'result', id: sockets[1]!.sent[0].id, result: { ok: true, value: 'detail' } });
    sockets[1]!.frame({ t: 'result', id: sockets[1]!.sent[1].id, result: { ok: true, value: 'status' } });
    await expect(read).resolves.toEqual({ ok: true, value: 'detail' });
    await expect(later).resolves.toEqual({ ok: true, value: 'status' });
  });

  it('reports a refused upgrade (no session cookie: the socket closes without opening) and keeps trying', () => {
    const { sockets, bridge, runTimers } = setup('stale');
    sockets[0]!.drop();
    expect(bridge.connection.get()).toBe('refused');
    runTimers();
    expect(sockets).toHaveLength(2);
    expect(bridge.connection.get()).toBe('refused');
    sockets[1]!.open('fresh');
    expect(bridge.connection.get()).toBe('open');
  });

  it('keeps the fresh resume token an open page is sent', () => {
    const { sockets, storage } = setup();
    sockets[0]!.open('r1');
    sockets[0]!.frame({ t: 'resume', resumeToken: 'r2' });
    expect(storage.get(RESUME_TOKEN_KEY)).toBe('r2');
  });

  it('tells the app its session ended when the server did not resume the connection', () => {
    const { api, sockets, runTimers } = setup();
    const locked: unknown[] = [];
    api.on('session.locked', (p) => locked.push(p));
    sockets[0]!.open('r1');
    expect(locked).toEqual([]); // the first connection has nothing to lose
    sockets[0]!.drop();
    runTimers();
    sockets[1]!.open('r2', true);
    expect(locked).toEqual([]);
    sockets[1]!.drop();
    runTimers();
    sockets[2]!.open('r3', false);
    expect(locked).toEqual([{ reason: 'signout' }]);
  });

  it('uses the resume token from sessionStorage after a reload (no token in the address)', () => {
    const sockets: FakeSocket[] = [];
    createWsBridge({
      baseUrl: 'ws://h',
      storage: { getItem: () => 'kept', setItem: () => {}, removeItem: () => {} },
      createSocket: (u) => {
        const s = new FakeSocket(u);
        sockets.push(s);
        return s;
      },
    });
    expect(sockets[0]!.url).toBe('ws://h/ipc?resume=kept');
  });

  it('backs off between attempts', () => {
    const delays: number[] = [];
    createWsBridge({
      baseUrl: 'ws://h',
      storage: { getItem: () => 'r', setItem: () => {}, removeItem: () => {} },
      createSocket: (u) => {
        const s = new FakeSocket(u);
        queueMicrotask(() => s.drop());
        return s;
      },
      random: () => 0.5,
      setTimer: (fn, ms) => {
        delays.push(ms);
        if (delays.length < 6) fn();
      },
    });
    return flush().then(async () => {
      for (let i = 0; i < 6; i++) await flush();
      expect(delays.slice(0, 5)).toEqual([300, 600, 1200, 2400, 4800]);
    });
  });
});

describe('getApi', () => {
  it('returns the preload bridge when Electron exposed it', () => {
    const fake = { marker: true } as any;
    window.chakong = fake;
    resetApiForTests();
    expect(getApi()).toBe(fake);
    delete window.chakong;
    resetApiForTests();
  });
});
