/**
 * Host mode's core thread bundled for a test, as scripts/build.mjs bundles it beside the CLI:
 * worker threads load JavaScript, not the TypeScript vitest runs. Two folders under the project
 * (dist/<name>/) so that the bundle finds resources/ where the built one does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { nodeEntry } from '../../scripts/esbuild-node.mjs';

const ROOT = path.resolve(__dirname, '..', '..');

export async function buildCoreWorker(): Promise<{ script: string; remove(): void }> {
  const dir = mkdtempSync(path.join(ROOT, 'dist', 'test-core-'));
  const script = path.join(dir, 'core-worker.cjs');
  await build({ ...nodeEntry('electron/host/core-worker.ts', script), sourcemap: false });
  return { script, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
