/**
 * What the sandbox gateway must remember across its own restarts when it runs embedded in the
 * app: its officer register (keys, spent enrolment codes). Kept as JSON in a folder of the data
 * folder, written atomically; none of it is personal data (officer codes, public keys, counts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export function loadJson<T>(dir: string | undefined, name: string): T | undefined {
  if (!dir) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`sandbox state ${name} is damaged`);
  }
}

export function saveJson(dir: string | undefined, name: string, value: unknown): void {
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, name);
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
