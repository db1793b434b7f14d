/**
 * The officer credential register (docs/sandbox.md, docs/keys.md): the officers a court registered
 * with the network, their roles and teams, the one-time enrolment codes the register desk hands
 * them, and the signing keys they registered from their workstations. An officer removed from the
 * register, or a key revoked, no longer acts; a demoted officer acts in his new role.
 *
 * Demo enrolment codes are drawn from the sandbox seed, so docs/sandbox.md can list the first one
 * of each demo officer; each code opens one enrolment, then the next one is due (the trainer asks
 * for it at /sandbox/v1/officers). Five wrong codes in a row for one officer spend his code.
 */
import { createHmac, createPublicKey, randomBytes } from 'node:crypto';
import type { Officer } from '../../shared/domain/types';
import type { Role } from '../../shared/authority/roles';
import { DEMO_COURT } from './population/docket';

/**
 * The demo court's bureau: three judges, each with a clerk or an assistant on his team, two
 * division chiefs (a change of the court's receiving accounts needs a second one) and the bureau
 * director.
 */
export const DEMO_OFFICERS: readonly Officer[] = [
  { code: 'F520103001', name: '王立新', court: DEMO_COURT, role: 'judge' },
  { code: 'F520103002', name: '陈晓雪', court: DEMO_COURT, role: 'clerk', team: ['F520103001'] },
  { code: 'F520103003', name: '张国华', court: DEMO_COURT, role: 'chief' },
  { code: 'F520103004', name: '罗静', court: DEMO_COURT, role: 'judge' },
  { code: 'F520103005', name: '杨帆', court: DEMO_COURT, role: 'judge' },
  { code: 'F520103006', name: '吴婷婷', court: DEMO_COURT, role: 'clerk', team: ['F520103004'] },
  { code: 'F520103007', name: '龙俊杰', court: DEMO_COURT, role: 'assistant', team: ['F520103005'] },
  { code: 'F520103008', name: '刘志强', court: DEMO_COURT, role: 'chief' },
  { code: 'F520103009', name: '周建国', court: DEMO_COURT, role: 'director' },
  // a neighbouring court's officer: registered, but not for 黔0103's cases
  { code: 'F520102001', name: '何明', court: '黔0102', role: 'judge' },
];

export interface RegisteredKey {
  keyId: string;
  /** Ed25519, SPKI DER base64 */
  publicKey: string;
  station: string;
  enrolledAt: string;
  revokedAt?: string;
}

interface Standing {
  status: 'active' | 'removed';
  role: Role;
  /** the enrolment code now due is the n-th of this officer */
  codeNumber: number;
  /** the current code was spent (used, or too many wrong tries) */
  codeSpent: boolean;
  wrongTries: number;
  keys: RegisteredKey[];
}

export interface RegisterState {
  version: 1;
  officers: Record<string, Standing>;
}

export type EnrolResult = { ok: true; officer: Officer; key: RegisteredKey } | { ok: false; reason: 'unknown' | 'removed' | 'code' | 'key' };

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MAX_WRONG_TRIES = 5;

/** The n-th enrolment code of an officer under a seed: 8 characters, shown as XXXX-XXXX. */
export function enrolmentCodeFor(seed: number, officer: string, n: number): string {
  const mac = createHmac('sha256', `chakong-sandbox-enrolment/${seed}`).update(`${officer}/${n}`).digest();
  const chars = [...mac.subarray(0, 8)].map((b) => ALPHABET[b % 32]!).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

const normalize = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

export class OfficerRegister {
  private readonly byCode: Map<string, Officer>;
  private readonly state: RegisterState;

  constructor(
    readonly officers: readonly Officer[] = DEMO_OFFICERS,
    private readonly seed = 0,
    saved?: RegisterState,
    private readonly onChange: (s: RegisterState) => void = () => {},
  ) {
    this.byCode = new Map(officers.map((o) => [o.code, o]));
    this.state = saved ?? { version: 1, officers: {} };
    for (const o of officers) {
      this.state.officers[o.code] ??= { status: 'active', role: o.role, codeNumber: 1, codeSpent: false, wrongTries: 0, keys: [] };
    }
  }

  /** An officer in good standing, with his role as the register holds it now. */
  get(code: string): Officer | undefined {
    const o = this.byCode.get(code);
    const s = this.state.officers[code];
    return o && s?.status === 'active' ? { ...o, role: s.role } : undefined;
  }

  /** Every officer the register knows, with standing (removed ones included). */
  record(code: string): (Officer & { status: 'active' | 'removed'; keys: RegisteredKey[] }) | undefined {
    const o = this.byCode.get(code);
    const s = this.state.officers[code];
    return o && s ? { ...o, role: s.role, status: s.status, keys: s.keys.map((k) => ({ ...k })) } : undefined;
  }

  ofCourt(court: string): Officer[] {
    return this.officers.filter((o) => o.court === court).flatMap((o) => this.get(o.code) ?? []);
  }

  /** The enrolment code now due for the officer (what the register desk hands him). */
  currentCode(code: string): string | undefined {
    const s = this.state.officers[code];
    return s && s.status === 'active' && !s.codeSpent ? enrolmentCodeFor(this.seed, code, s.codeNumber) : undefined;
  }

  /** A fresh code (the old one, used or not, is void). */
  issueCode(code: string): string | undefined {
    const s = this.state.officers[code];
    if (!s || s.status !== 'active') return undefined;
    s.codeNumber += 1;
    s.codeSpent = false;
    s.wrongTries = 0;
    this.changed();
    return this.currentCode(code);
  }

  /** One enrolment: the officer's current code, once, registers his signing key from a station. */
  enrol(code: string, enrolmentCode: string, publicKey: string, station: string, now: Date): EnrolResult {
    const o = this.get(code);
    const s = this.state.officers[code];
    if (!this.byCode.has(code) || !s) return { ok: false, reason: 'unknown' };
    if (!o) return { ok: false, reason: 'removed' };
    const due = this.currentCode(code);
    if (!due || normalize(due) !== normalize(enrolmentCode)) {
      s.wrongTries += 1;
      if (s.wrongTries >= MAX_WRONG_TRIES) s.codeSpent = true;
      this.changed();
      return { ok: false, reason: 'code' };
    }
    try {
      const k = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
      if (k.asymmetricKeyType !== 'ed25519') return { ok: false, reason: 'key' };
    } catch {
      return { ok: false, reason: 'key' };
    }
    const key: RegisteredKey = { keyId: `K-${randomBytes(8).toString('hex')}`, publicKey, station, enrolledAt: now.toISOString() };
    s.keys.push(key);
    s.codeSpent = true;
    s.wrongTries = 0;
    this.changed();
    return { ok: true, officer: o, key: { ...key } };
  }

  /** An officer's key in force, or undefined (unknown, revoked, or the officer removed). */
  activeKey(code: string, keyId: string): RegisteredKey | undefined {
    const s = this.state.officers[code];
    const k = s?.status === 'active' ? s.keys.find((x) => x.keyId === keyId && !x.revokedAt) : undefined;
    return k ? { ...k } : undefined;
  }

  /** The court's register changes: an officer leaves or changes role (trainer and tests). */
  update(code: string, change: { status?: 'active' | 'removed'; role?: Role }): boolean {
    const s = this.state.officers[code];
    if (!s) return false;
    if (change.status) s.status = change.status;
    if (change.role) s.role = change.role;
    this.changed();
    return true;
  }

  revokeKey(code: string, keyId: string, now: Date): boolean {
    const k = this.state.officers[code]?.keys.find((x) => x.keyId === keyId && !x.revokedAt);
    if (!k) return false;
    k.revokedAt = now.toISOString();
    this.changed();
    return true;
  }

  private changed(): void {
    this.onChange(this.state);
  }
}
