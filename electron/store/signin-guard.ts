/**
 * Back-off and lockout of wrong passwords, per officer code, surviving a restart (docs/keys.md):
 * after five wrong passwords in a row an officer code is locked for a minute, each further wrong
 * password after a lock doubles it, up to an hour. While locked no password is even tried — the
 * right one neither — so guessing costs hours, not seconds. Attempts are kept in
 * <dataDir>/signin-guard.json (officer codes, counts and times, nothing personal) because a
 * locked store cannot record them; they enter the audit log at the next sign-in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppFailure } from '../../shared/app-failure';
import type { Clock } from './clock';

export const GUARD_FILE = 'signin-guard.json';
export const FREE_FAILURES = 5;
export const FIRST_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 60 * 60_000;
/** officer codes remembered at most (unknown codes tried by a guesser included) */
const MAX_CODES = 500;

const entry = z.object({ failures: z.number().int().min(0), lockedUntil: z.string().optional(), lastFailureAt: z.string().optional() });
const attempt = z.object({ failures: z.number().int().min(0), refusedWhileLocked: z.number().int().min(0), first: z.string(), last: z.string() });
const file = z.object({ version: z.literal(1), officers: z.record(z.string(), entry), unaudited: z.record(z.string(), attempt) });
type GuardFile = z.infer<typeof file>;

export interface FailedAttempts {
  officer: string;
  failures: number;
  refusedWhileLocked: number;
  first: string;
  last: string;
}

/** "HH:MM" in China Standard Time. */
function cstClock(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}

export class SignInGuard {
  private readonly file: string;

  constructor(dataDir: string, private readonly clock: Clock) {
    this.file = path.join(dataDir, GUARD_FILE);
  }

  /** Refuses while the officer code is locked (and counts the refusal). */
  check(officer: string): void {
    const g = this.read();
    const e = g.officers[officer];
    const now = this.clock();
    if (e?.lockedUntil && Date.parse(e.lockedUntil) > now.getTime()) {
      this.note(g, officer, now, 'refusedWhileLocked');
      this.write(g);
      const until = new Date(e.lockedUntil);
      throw new AppFailure('LOCKED_OUT', { zh: `请于北京时间 ${cstClock(until)} 后再试`, en: `try again after ${cstClock(until)} China Standard Time` });
    }
  }

  failed(officer: string): void {
    const g = this.read();
    const now = this.clock();
    const e = g.officers[officer] ?? { failures: 0 };
    e.failures += 1;
    e.lastFailureAt = now.toISOString();
    if (e.failures >= FREE_FAILURES) {
      const ms = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (e.failures - FREE_FAILURES));
      e.lockedUntil = new Date(now.getTime() + ms).toISOString();
    }
    g.officers[officer] = e;
    this.note(g, officer, now, 'failures');
    this.write(g);
  }

  succeeded(officer: string): void {
    const g = this.read();
    if (!g.officers[officer]) return;
    delete g.officers[officer];
    this.write(g);
  }

  /** Failed attempts not yet in the audit log; cleared once taken. */
  takeUnaudited(): FailedAttempts[] {
    const g = this.read();
    const out = Object.entries(g.unaudited).map(([officer, a]) => ({ officer, ...a }));
    if (out.length) {
      g.unaudited = {};
      this.write(g);
    }
    return out;
  }

  private note(g: GuardFile, officer: string, now: Date, what: 'failures' | 'refusedWhileLocked'): void {
    const a = g.unaudited[officer] ?? { failures: 0, refusedWhileLocked: 0, first: now.toISOString(), last: now.toISOString() };
    a[what] += 1;
    a.last = now.toISOString();
    g.unaudited[officer] = a;
    const codes = Object.keys(g.officers);
    if (codes.length > MAX_CODES) {
      // forget the oldest unlocked entries first: a guesser's many codes must not grow the file
      for (const c of codes.sort((x, y) => (g.officers[x]!.lastFailureAt ?? '').localeCompare(g.officers[y]!.lastFailureAt ?? '')).slice(0, codes.length - MAX_CODES)) {
        if (!g.officers[c]!.lockedUntil || Date.parse(g.officers[c]!.lockedUntil!) <= now.getTime()) delete g.officers[c];
      }
    }
  }

  private read(): GuardFile {
    try {
      return file.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && fs.existsSync(this.file)) {
        // a damaged guard file must not reset the lockouts of everyone: refuse until it is looked at
        throw new AppFailure('INTERNAL', { zh: '登录记录文件已损坏', en: 'the sign-in record file is damaged' });
      }
      return { version: 1, officers: {}, unaudited: {} };
    }
  }

  private write(g: GuardFile): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(g), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
