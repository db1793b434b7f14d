/**
 * One writer per data folder: a second host-mode start on the same folder is refused before
 * anything starts, the first goes on serving, and once it stops the folder can be opened again. A
 * lock left by a process that is no longer running is taken over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHostMode, type HostMode } from '../../electron/host/start';
import { DataFolderLocked, LOCK_FILE, lockDataFolder } from '../../electron/services/data-lock';
import { buildCoreWorker } from '../helpers/core-worker';

let root: string;
let rendererDir: string;
let coreWorker: Awaited<ReturnType<typeof buildCoreWorker>>;
beforeAll(async () => {
  coreWorker = await buildCoreWorker();
  root = mkdtempSync(path.join(os.tmpdir(), 'ck-lock-'));
  rendererDir = path.join(root, 'renderer');
  mkdirp(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>查控台</title>');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  coreWorker.remove();
});

function mkdirp(d: string) {
  mkdirSync(d, { recursive: true });
}

const env = { CK_SANDBOX_LATENCY_SCALE: '0.01' };

describe('exclusive lock on the data folder', () => {
  it('refuses a second host-mode start on the same folder; the first keeps serving; after it stops, a new one starts', async () => {
    const dataDir = path.join(root, 'data-a');
    const first = await startHostMode({ dataDir, rendererDir, env, coreWorker: coreWorker.script });
    let third: HostMode | undefined;
    try {
      expect(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      const second = startHostMode({ dataDir, rendererDir, env, coreWorker: coreWorker.script });
      await expect(second).rejects.toBeInstanceOf(DataFolderLocked);
      await expect(second).rejects.toThrow(/该数据文件夹已被另一个查控台进程使用/);
      expect((await fetch(`${first.host.url}/`)).status).toBe(200);
      expect((await first.core.router('app', 'info', {}, { transport: 'host', connection: 'probe' })).ok).toBe(true);
      await first.stop();
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
      third = await startHostMode({ dataDir, rendererDir, env, coreWorker: coreWorker.script });
      expect((await fetch(`${third.host.url}/`)).status).toBe(200);
    } finally {
      await first.stop();
      await third?.stop();
    }
  });

  it('refuses while another running process holds the folder, and takes over once that process is gone', async () => {
    const dataDir = path.join(root, 'data-b');
    mkdirp(dataDir);
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dataDir, LOCK_FILE), `${other.pid}\n`);
      let refused: unknown;
      try {
        lockDataFolder(dataDir);
      } catch (e) {
        refused = e;
      }
      expect(refused).toBeInstanceOf(DataFolderLocked);
      expect((refused as DataFolderLocked).pid).toBe(other.pid);
      expect((refused as DataFolderLocked).messageEn).toMatch(/in use by another Chakong Desk process/);
    } finally {
      const exited = new Promise((r) => other.once('exit', r));
      other.kill('SIGKILL');
      await exited;
    }
    // its pid no longer runs: the lock is stale
    const lock = lockDataFolder(dataDir);
    expect(readFileSync(lock.path, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('a half-made lock (empty) is respected while fresh', () => {
    const dataDir = path.join(root, 'data-c');
    mkdirp(dataDir);
    writeFileSync(path.join(dataDir, LOCK_FILE), '');
    expect(() => lockDataFolder(dataDir)).toThrow(DataFolderLocked);
  });
});
