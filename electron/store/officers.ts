/**
 * Officers registered with the network (the officer credential register). In safeStorage mode the
 * OS key store opens the database, so each officer's password is checked against a scrypt
 * verifier kept here, inside the encryption.
 */
import type { Officer, OfficerRole } from '../../shared/domain/types';
import { AppFailure } from '../../shared/app-failure';
import type { Db } from './db';
import type { Connection } from './connection';
import type { Clock } from './clock';
import { checkVerifier, DEFAULT_SCRYPT, makeVerifier, MIN_PASSWORD_CHARS, type PasswordVerifier, type ScryptParams } from './kdf';

interface OfficerRow {
  code: string;
  name: string;
  court: string;
  role: OfficerRole;
  team: string;
  password_verifier: string | null;
}

const toOfficer = (r: OfficerRow): Officer => {
  const o: Officer = { code: r.code, name: r.name, court: r.court, role: r.role };
  const team = JSON.parse(r.team) as string[];
  if (team.length) o.team = team;
  return o;
};

export function assertStrongPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_CHARS) throw new AppFailure('WEAK_PASSWORD', undefined, 'password');
}

export class OfficerRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly scrypt: ScryptParams = DEFAULT_SCRYPT,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  /** From the register: name, court and role follow the register; a password stays as it was. */
  upsert(o: Officer): void {
    this.db.prepare(
      `INSERT INTO officers (code, name, court, role, team, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, court = excluded.court, role = excluded.role,
         team = excluded.team, updated_at = excluded.updated_at`,
    ).run(o.code, o.name, o.court, o.role, JSON.stringify(o.team ?? []), this.clock().toISOString());
  }

  upsertMany(officers: readonly Officer[]): number {
    this.db.transaction(() => officers.forEach((o) => this.upsert(o)))();
    return officers.length;
  }

  get(code: string): Officer | undefined {
    const r = this.db.prepare<[string], OfficerRow>('SELECT * FROM officers WHERE code = ?').get(code);
    return r ? toOfficer(r) : undefined;
  }

  list(): Officer[] {
    return this.db.prepare<[], OfficerRow>('SELECT * FROM officers ORDER BY code').all().map(toOfficer);
  }

  hasPassword(code: string): boolean {
    return this.verifierOf(code) !== undefined;
  }

  /** officers who can sign in (safeStorage mode) */
  withPasswordCount(): number {
    return this.db.prepare<[], number>('SELECT count(*) FROM officers WHERE password_verifier IS NOT NULL').pluck().get() ?? 0;
  }

  clearPassword(code: string): void {
    this.db.prepare('UPDATE officers SET password_verifier = NULL, updated_at = ? WHERE code = ?').run(this.clock().toISOString(), code);
  }

  async setPassword(code: string, password: string): Promise<void> {
    assertStrongPassword(password);
    if (!this.get(code)) throw new AppFailure('OFFICER_NOT_REGISTERED');
    const v = await makeVerifier(password, this.scrypt);
    this.db.prepare('UPDATE officers SET password_verifier = ?, updated_at = ? WHERE code = ?')
      .run(JSON.stringify(v), this.clock().toISOString(), code);
  }

  /** False for an unknown officer or one without a password, after the same scrypt work. */
  async verifyPassword(code: string, password: string): Promise<boolean> {
    const v = this.verifierOf(code);
    if (!v) {
      // equal time for unknown officers: the answer must not reveal which codes exist
      await makeVerifier(password, this.scrypt);
      return false;
    }
    return checkVerifier(password, v);
  }

  private verifierOf(code: string): PasswordVerifier | undefined {
    const s = this.db.prepare<[string], string | null>('SELECT password_verifier FROM officers WHERE code = ?').pluck().get(code);
    return s ? (JSON.parse(s) as PasswordVerifier) : undefined;
  }
}
