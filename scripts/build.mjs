// One build for main + preload + host + sandbox (esbuild, CommonJS for Node/Electron) and the
// renderer (Vite). `--only=main|renderer|sandbox|evidence` builds a part.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { nodeEntry as node, EVIDENCE_VERIFY } from './esbuild-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

const parts = {
  main: async () => {
    await Promise.all([
      esbuild(node('electron/main/main.ts', 'dist/main/main.cjs')),
      // the core's utility process under Electron (CK_CORE_PROCESS=utility, electron/main/core-process.ts)
      esbuild(node('electron/main/core-utility.ts', 'dist/main/core-utility.cjs')),
      esbuild({ ...node('electron/preload/preload.ts', 'dist/preload/preload.cjs'), inject: [], define: {} }),
      esbuild(node('electron/host/cli.ts', 'dist/host/cli.cjs')),
      // the core's thread in host mode (electron/host/core-worker.ts), beside the CLI
      esbuild(node('electron/host/core-worker.ts', 'dist/host/core-worker.cjs')),
    ]);
  },
  sandbox: async () => {
    await esbuild(node('electron/sandbox/cli.ts', 'dist/sandbox/cli.cjs'));
  },
  // the offline verifier of evidence packages: one file, nothing of the store (docs/audit.md)
  evidence: async () => {
    await esbuild(node(EVIDENCE_VERIFY.entry, EVIDENCE_VERIFY.outfile));
  },
  renderer: async () => {
    await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  },
};

const todo = only ? [only] : Object.keys(parts);
for (const p of todo) {
  if (!parts[p]) throw new Error(`unknown part ${p}`);
}
const t0 = Date.now();
await Promise.all(todo.map((p) => parts[p]()));
console.log(`built ${todo.join(' + ')} in ${Date.now() - t0} ms`);
