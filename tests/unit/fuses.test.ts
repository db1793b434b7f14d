/**
 * What a packaged build is allowed to do: the Electron fuses electron-builder flips (electronFuses
 * in electron-builder.yml, docs/architecture.md, principle 9), each named as @electron/fuses names it so that a misspelt key
 * (which electron-builder would ignore without a word) fails here; the Content-Security-Policy of
 * the Electron window; and no DevTools once packaged.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../../electron/main/csp';
import { windowPreferences } from '../../electron/main/web-preferences';

const ROOT = path.resolve(__dirname, '..', '..');
const yml = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');

/** the `electronFuses:` block: `  key: true|false` lines (the file keeps it that plain) */
function fuseConfig(): Record<string, boolean> {
  const block = /^electronFuses:\n((?:[ ]{2}\w+: (?:true|false)\n)+)/m.exec(yml);
  if (!block) throw new Error('electron-builder.yml has no electronFuses block of `key: true|false` lines');
  return Object.fromEntries(block[1]!.trim().split('\n').map((l) => {
    const [k, v] = l.trim().split(': ');
    return [k!, v === 'true'];
  }));
}

describe('Electron fuses of a packaged build', () => {
  const fuses = fuseConfig();

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['grantFileProtocolExtraPrivileges', false],
    ['enableCookieEncryption', true],
  ] as const)('%s is %s', (key, value) => {
    expect(fuses[key]).toBe(value);
  });

  it('names only fuses that @electron/fuses knows', () => {
    const known = new Set(Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))).map((k) => k[0]!.toLowerCase() + k.slice(1)));
    for (const key of Object.keys(fuses)) expect(known, key).toContain(key);
  });

  it('is flipped by electron-builder itself, not by a second hook that could undo it', () => {
    expect(yml).not.toMatch(/^afterPack:/m);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['@electron/fuses']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('the Electron window', () => {
  it('may connect to nothing (its calls go over IPC)', () => {
    expect(CONTENT_SECURITY_POLICY.split('; ')).toContain("connect-src 'none'");
    expect(contentSecurityPolicy('ws://127.0.0.1:4321').split('; ').filter((d) => d.startsWith('connect-src'))).toEqual(['connect-src ws://127.0.0.1:4321']);
  });

  it('has no DevTools once packaged, and is sandboxed and isolated either way', () => {
    expect(windowPreferences('/p.cjs', true).devTools).toBe(false);
    expect(windowPreferences('/p.cjs', false).devTools).toBe(true);
    for (const packaged of [true, false]) {
      expect(windowPreferences('/p.cjs', packaged)).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    }
  });
});
