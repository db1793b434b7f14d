// `npm run bench`: every benchmark in turn. Each reports ratios against bounds it measures in the
// same run; none fails on speed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let failed = 0;
for (const b of ['engine.bench.mjs', 'store.bench.mjs']) {
  console.log(`\n== ${b}`);
  const r = spawnSync(process.execPath, [path.join(here, b)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
