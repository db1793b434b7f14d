// Where the Electron binary is, without `require('electron')`: that call tries to download the
// binary when it is missing, which cannot work on machines without internet.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** @returns {string | undefined} */
export function electronBinary(root) {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const bin = rel ? path.join(dist, rel) : undefined;
  return bin && existsSync(bin) ? bin : undefined;
}
