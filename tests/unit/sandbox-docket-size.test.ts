/**
 * The sandbox docket's size (docs/sandbox.md): CK_SANDBOX_CASES gives the embedded sandbox a docket of
 * that many cases, assigned to the demo judges as the default one is; a size that is not a whole
 * number of cases in range is refused at start with a message saying what is allowed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadDeploymentConfig, MAX_DOCKET_CASES } from '../../electron/services/config';
import { startSandbox } from '../../electron/sandbox';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-docket-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sandbox docket size', () => {
  it('is read from CK_SANDBOX_CASES, absent by default', () => {
    const c = loadDeploymentConfig({ CK_SANDBOX_CASES: '1700' }, dir);
    expect(c.kind === 'sandbox' && c.sandbox.docketCases).toBe(1700);
    const d = loadDeploymentConfig({}, dir);
    expect(d.kind === 'sandbox' && d.sandbox.docketCases).toBeUndefined();
  });

  it.each(['0', '-5', '12.5', String(MAX_DOCKET_CASES + 1), 'many'])('refuses CK_SANDBOX_CASES=%s', (v) => {
    expect(() => loadDeploymentConfig({ CK_SANDBOX_CASES: v }, dir)).toThrow(ConfigError);
  });

  it('says what is allowed', () => {
    expect(() => loadDeploymentConfig({ CK_SANDBOX_CASES: '0' }, dir)).toThrow(`from 1 to ${MAX_DOCKET_CASES}`);
  });

  it('gives the sandbox a docket of that many cases, the demo judge carrying about three in five', async () => {
    const sb = await startSandbox({ docketCases: 500 });
    try {
      const docket = sb.population.docket;
      expect(docket).toHaveLength(500);
      expect(new Set(docket.map((c) => c.number)).size).toBe(500);
      const judges = docket.filter((c) => c.assignee === 'F520103001').length;
      expect(judges / 500).toBeGreaterThan(0.5);
      expect(judges / 500).toBeLessThan(0.7);
    } finally {
      await sb.close();
    }
  });
});
