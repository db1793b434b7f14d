/** Drives the main-process router as the renderer does, for the whole-stack integration tests. */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Core } from '../../electron/services/core';
import type { Result } from '../../shared/result';

export interface AppDriver {
  call(g: string, m: string, input?: unknown): Promise<Result<unknown>>;
  /** the call's value, or a thrown error naming the refusal */
  value<T>(g: string, m: string, input?: unknown): Promise<T>;
}

/** `connection` names the window the calls come from (each window signs in for itself). */
/** The calls the renderer sends with a fresh decision id per click; the driver adds one when a test gives none. */
const DECISIONS = new Set(['measures.freeze', 'measures.renew', 'measures.release', 'deduction.submit']);

export function appDriver(core: () => Core, connection?: string): AppDriver {
  const call = (g: string, m: string, input: unknown = {}) => {
    const withDecision = DECISIONS.has(`${g}.${m}`) && input && typeof input === 'object' && !('decisionId' in input)
      ? { ...input, decisionId: randomUUID() } : input;
    return core().router(g, m, withDecision, { transport: 'host', ...(connection ? { connection } : {}) });
  };
  return {
    call,
    async value<T>(g: string, m: string, input: unknown = {}): Promise<T> {
      const r = await call(g, m, input);
      if (!r.ok) throw new Error(`${g}.${m}: ${r.error.code} ${r.error.messageEn} ${r.error.detail?.en ?? ''}`);
      return r.value as T;
    },
  };
}

/** Polls until fn gives a value (not undefined), or fails after ms. */
export async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = path.join(d, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Scans every byte of every file in the data folder for personal data, in UTF-8 and UTF-16. */
export function expectNoPlaintext(dir: string, needles: string[]): void {
  const files = filesUnder(dir);
  expect(files.some((f) => f.endsWith('.log'))).toBe(true);
  for (const f of files) {
    const bytes = readFileSync(f);
    for (const n of needles.filter((x) => x.length >= 2)) {
      for (const enc of ['utf8', 'utf16le'] as const) {
        expect(bytes.includes(Buffer.from(n, enc)), `${n} found in ${path.relative(dir, f)}`).toBe(false);
      }
    }
  }
}

/** The one-time enrolment code the sandbox's register desk hands an officer now (docs/sandbox.md). */
export function enrolmentCode(sandbox: { register: { currentCode(code: string): string | undefined } }, officer: string): string {
  const code = sandbox.register.currentCode(officer);
  if (!code) throw new Error(`the sandbox register has no enrolment code due for ${officer}`);
  return code;
}

type Sandboxed = { register: { currentCode(code: string): string | undefined } };

/** First setup of the workstation by the officer himself, with his own code and password. */
export function setUpAs(app: AppDriver, sandbox: Sandboxed, officer: string, password: string): Promise<unknown> {
  return app.value('session', 'setUp', { officerCode: officer, enrolmentCode: enrolmentCode(sandbox, officer), password });
}

/** Another officer enrols himself on the workstation (someone is signed in to lend the key). */
export function enrolAs(app: AppDriver, sandbox: Sandboxed, officer: string, password: string): Promise<unknown> {
  return app.value('session', 'enrol', { officerCode: officer, enrolmentCode: enrolmentCode(sandbox, officer), password });
}
