/**
 * The officers of the sandbox's demo court as the whole-stack tests sign them in, and the plain
 * sandbox calls those tests make besides the app (docs/sandbox.md).
 */
import type { Core } from '../../electron/services/core';
import type { CaseDetail, CaseSummary } from '../../shared/domain/types';
import type { AppDriver } from './app-driver';

/** 王立新 the judge, 陈晓雪 his clerk, the bureau chief, and 罗静, a judge of another team. */
export const OFFICERS = {
  JUDGE: 'F520103001',
  CLERK: 'F520103002',
  CHIEF: 'F520103003',
  OTHER_JUDGE: 'F520103004',
} as const;

/** The password each of them sets up or enrols with in these tests. */
export const PASSWORD = 'officer-password-1';

export interface Session {
  signIn(officerCode: string): Promise<unknown>;
  signOut(): Promise<unknown>;
  /** signs the officer in for fn, and out again whatever fn does */
  as<T>(officer: string, fn: () => Promise<T>): Promise<T>;
}

export function sessionOf(app: AppDriver, password: string = PASSWORD): Session {
  const signIn = (officerCode: string) => app.value('session', 'signIn', { officerCode, password });
  const signOut = () => app.value('session', 'signOut', {});
  return {
    signIn,
    signOut,
    async as<T>(officer: string, fn: () => Promise<T>): Promise<T> {
      await signIn(officer);
      try {
        return await fn();
      } finally {
        await signOut();
      }
    },
  };
}

type SandboxInit = { method: string; body: unknown };

export interface SandboxFetch {
  /** the sandbox's JSON answer to a GET, or to `init` with its body sent as JSON */
  (p: string, init?: SandboxInit): Promise<any>;
  /** the same, with the HTTP status */
  send(p: string, init?: SandboxInit): Promise<{ status: number; json: any }>;
  /** the JSON answer to a POST of body */
  post(p: string, body: unknown): Promise<any>;
}

/** Calls the running core's sandbox over HTTP, as its operator does (docs/sandbox.md). */
export function sandboxFetch(core: () => Core): SandboxFetch {
  const send = async (p: string, init?: SandboxInit) => {
    const r = await fetch(`${core().sandbox!.url}${p}`, init ? { method: init.method, body: JSON.stringify(init.body) } : undefined);
    return { status: r.status, json: await r.json() };
  };
  const json = async (p: string, init?: SandboxInit) => (await send(p, init)).json;
  return Object.assign(json, { send, post: (p: string, body: unknown) => json(p, { method: 'POST', body }) });
}

type Party = CaseDetail['parties'][number];

/**
 * The first open 执 case of the signed-in judge whose one debtor is a person, and that debtor; with
 * `also`, the first such case it accepts too (a debtor holding an account, say).
 */
export async function ownCaseWithOnePersonDebtor(app: AppDriver, also?: (c: CaseDetail, debtor: Party) => Promise<boolean>): Promise<{ c: CaseDetail; debtor: Party } | undefined> {
  const list = await app.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
  for (const s of list.items) {
    const d = await app.value<CaseDetail>('cases', 'get', { caseId: s.id });
    const ds = d.parties.filter((p) => p.role === 'debtor');
    if (d.status !== 'open' || d.type !== '执' || ds.length !== 1 || ds[0]!.kind !== 'person') continue;
    if (also && !(await also(d, ds[0]!))) continue;
    return { c: d, debtor: ds[0]! };
  }
  return undefined;
}
