import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, logSink, nullLogger, sanitizeFields, type FileLogger } from '../../electron/log/logger';
import { maskIdentifiers, maskPersonal } from '../../electron/log/redact';

const ID = '52010219850315106X';
const CREDIT = '91520100MA6DJ1234R';
const ACCOUNT = '6222020200001234567';
const PHONE = '13812345678';

const dirs: string[] = [];
const loggers: FileLogger[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-log-'));
  dirs.push(d);
  return d;
}
function open(opts: Parameters<typeof createLogger>[0]): FileLogger {
  const l = createLogger(opts);
  loggers.push(l);
  return l;
}
function lines(dir: string, file = 'app.log'): Record<string, unknown>[] {
  return fs.readFileSync(path.join(dir, 'logs', file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

afterEach(() => {
  for (const l of loggers.splice(0)) l.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('redact', () => {
  it('masks resident IDs, credit codes, accounts, phone numbers and e-mail addresses', () => {
    const s = maskIdentifiers(`id ${ID} code ${CREDIT} acct ${ACCOUNT} card 6222 0202 0000 1234 tel ${PHONE} +86 13912345678 mail a.b@court.cn`);
    for (const secret of [ID, CREDIT, ACCOUNT, '6222 0202 0000 1234', PHONE, '13912345678', 'a.b@court.cn']) expect(s).not.toContain(secret);
    expect(s).toContain('5201**********106X');
    expect(s).toContain('6222***********4567');
  });

  it('leaves ids, dates, times, hashes and case numbers alone', () => {
    const keep = [
      '3f2b8c1e-1234-5678-9012-a1b2c3d4e5f6', '2025-03-15', '2025-03-15T08:30:00.000Z', '(2025)黔0103执1234号',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'F520103001', 'bank.icbc', '1234',
    ];
    for (const k of keep) expect(maskIdentifiers(k)).toBe(k);
  });

  it('maskPersonal also hides names (runs of Han characters)', () => {
    expect(maskPersonal('debtor 张三丰 at 贵阳')).toBe('debtor *** at **');
    expect(maskPersonal('(2025)黔0103执1234号')).toBe('(2025)黔0103执1234号');
  });
});

describe('logger', () => {
  it('writes JSON lines to <dir>/logs/app.log with mode 0600', () => {
    const dir = tempDir();
    const log = open({ dir, now: () => new Date('2025-03-15T00:00:00Z') });
    log.info('query started', { caseId: 'c1', channel: 'bank.icbc', count: 3 });
    const [l] = lines(dir);
    expect(l).toEqual({ t: '2025-03-15T00:00:00.000Z', level: 'info', msg: 'query started', caseId: 'c1', channel: 'bank.icbc', count: 3 });
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'logs', 'app.log')).mode & 0o777).toBe(0o600);
  });

  it('drops field keys outside the whitelist and objects', () => {
    const dir = tempDir();
    const log = open({ dir });
    const fields = { name: '张三丰', idNumber: ID, account: ACCOUNT, state: 'sent', code: { nested: ID } } as unknown as Parameters<typeof log.info>[1];
    log.info('request updated', fields);
    const [l] = lines(dir);
    expect(Object.keys(l!).sort()).toEqual(['level', 'msg', 'state', 't']);
    expect(sanitizeFields({ name: 'x', ms: 12 })).toEqual({ ms: 12 });
  });

  it('masks personal data that slips into whitelisted fields and messages', () => {
    const dir = tempDir();
    const log = open({ dir });
    log.warn('feedback malformed', { id: ID, code: CREDIT, reason: `account ${ACCOUNT} of 张三丰`, route: `/tel/${PHONE}`, count: 6222020200001234 });
    const dynamic: string = `lookup ${ID}`;
    // @ts-expect-error a message must be a constant string, not a computed one
    log.error(dynamic);
    const text = fs.readFileSync(path.join(dir, 'logs', 'app.log'), 'utf8');
    for (const secret of [ID, CREDIT, ACCOUNT, PHONE, '张三丰', '6222020200001234']) expect(text).not.toContain(secret);
    expect(lines(dir)[0]).toMatchObject({ id: '5201**********106X', reason: 'account 6222***********4567 of ***' });
  });

  it('writes only the class and code of an error, never its message', () => {
    const dir = tempDir();
    const log = open({ dir });
    const e = Object.assign(new Error(`no such party ${ID}`), { code: 'ENOENT' });
    log.error('lookup failed', { error: e });
    expect(lines(dir)[0]!.error).toBe('Error:ENOENT');
  });

  it('filters by level', () => {
    const dir = tempDir();
    const log = open({ dir, level: 'warn' });
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines(dir).map((l) => l.msg)).toEqual(['w', 'e']);
  });

  it('rotates at a size and keeps a bounded number of files', () => {
    const dir = tempDir();
    const log = open({ dir, maxBytes: 300, maxFiles: 2 });
    for (let i = 0; i < 40; i++) log.info('tick', { seq: i });
    const files = fs.readdirSync(path.join(dir, 'logs')).sort();
    expect(files).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    for (const f of files) expect(fs.statSync(path.join(dir, 'logs', f)).size).toBeLessThanOrEqual(300);
    expect(lines(dir).at(-1)!.seq).toBe(39);
  });

  it('child loggers add their fields; echo writes to stderr', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = open({ echo: true }).child({ channel: 'bank.ccb' });
    log.info('poll', { polls: 2 });
    expect(write).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(write.mock.calls[0]![0]))).toMatchObject({ msg: 'poll', channel: 'bank.ccb', polls: 2 });
  });

  it('logSink gives callback-style modules the same whitelist and masking', () => {
    const dir = tempDir();
    const sink = logSink(open({ dir }));
    sink('warn', `request failed for ${ID}`, { requestId: 'r1', channel: 'bank.abc', gatewayCode: 'E42', name: '张三丰' });
    const [l] = lines(dir);
    expect(l).toMatchObject({ level: 'warn', msg: 'request failed for 5201**********106X', requestId: 'r1', channel: 'bank.abc', gatewayCode: 'E42' });
    expect(l).not.toHaveProperty('name');
  });

  it('nullLogger discards everything', () => {
    expect(() => nullLogger.child({ id: 'x' }).error('nothing')).not.toThrow();
  });
});
