// The esbuild options of every Node entry (CommonJS for Node/Electron), shared by scripts/build.mjs
// and by the tests that build an entry themselves (tests/integration/evidence.test.ts).
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const external = ['electron', 'better-sqlite3-multiple-ciphers', 'ws', 'bufferutil', 'utf-8-validate', 'pdfkit'];

/** the offline verifier of evidence packages (docs/audit.md) */
export const EVIDENCE_VERIFY = { entry: 'electron/evidence/cli.ts', outfile: 'dist/evidence-verify.cjs' };

export const nodeEntry = (entry, outfile) => ({
  entryPoints: [path.join(root, entry)],
  outfile: path.isAbsolute(outfile) ? outfile : path.join(root, outfile),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: [path.join(root, 'scripts/import-meta-url.cjs')],
});
