/** The sandbox's officer register: documented demo codes, one-time use, spent by wrong guesses. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '../../electron/sandbox';
import { DEMO_OFFICERS, enrolmentCodeFor, OfficerRegister } from '../../electron/sandbox/officers';

const pub = () => generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const now = new Date('2026-12-02T02:00:00Z');

describe('the sandbox officer register', () => {
  it('docs/sandbox.md lists each demo officer’s first enrolment code for the default seed', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/sandbox.md'), 'utf8');
    for (const o of DEMO_OFFICERS) {
      const row = doc.split('\n').find((l) => l.startsWith(`| ${o.code} |`));
      expect(row, o.code).toContain(`\`${enrolmentCodeFor(DEFAULT_SEED, o.code, 1)}\``);
      expect(row).toContain(o.role);
    }
  });

  it('a code opens one enrolment, in any case and with or without its dash; the next code is due after', () => {
    const reg = new OfficerRegister(DEMO_OFFICERS, DEFAULT_SEED);
    const code = reg.currentCode('F520103003')!;
    const r = reg.enrol('F520103003', code.toLowerCase().replace('-', ''), pub(), 'ST', now);
    expect(r).toMatchObject({ ok: true, officer: { code: 'F520103003', role: 'chief' } });
    expect(reg.enrol('F520103003', code, pub(), 'ST', now)).toEqual({ ok: false, reason: 'code' });
    expect(reg.issueCode('F520103003')).not.toBe(code);
  });

  it('refuses a key that is not Ed25519, an unknown officer and a removed one', () => {
    const reg = new OfficerRegister(DEMO_OFFICERS, DEFAULT_SEED);
    const x = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(reg.enrol('F520103001', reg.currentCode('F520103001')!, x, 'ST', now)).toEqual({ ok: false, reason: 'key' });
    expect(reg.enrol('F999999999', 'XXXX-XXXX', pub(), 'ST', now)).toEqual({ ok: false, reason: 'unknown' });
    reg.update('F520103002', { status: 'removed' });
    expect(reg.enrol('F520103002', enrolmentCodeFor(DEFAULT_SEED, 'F520103002', 1), pub(), 'ST', now)).toEqual({ ok: false, reason: 'removed' });
    expect(reg.get('F520103002')).toBeUndefined();
  });

  it('keeps its state across a restart through the state it hands out', () => {
    let saved: unknown;
    const a = new OfficerRegister(DEMO_OFFICERS, DEFAULT_SEED, undefined, (s) => (saved = JSON.parse(JSON.stringify(s))));
    const r = a.enrol('F520103001', a.currentCode('F520103001')!, pub(), 'ST', now);
    if (!r.ok) throw new Error('enrol failed');
    const b = new OfficerRegister(DEMO_OFFICERS, DEFAULT_SEED, saved as never);
    expect(b.activeKey('F520103001', r.key.keyId)?.publicKey).toBe(r.key.publicKey);
    expect(b.currentCode('F520103001')).toBeUndefined();
  });
});
