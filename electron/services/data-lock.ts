/**
 * One writer per data folder (docs/architecture.md §4): an exclusive lock file holding the owner's pid,
 * taken before any store or engine starts, in Electron and in host mode alike. Created with
 * O_CREAT|O_EXCL (`wx`), so two starts can never both create it; a lock left by a process that is
 * no longer running (a crash, a power cut) is recognised by its pid and taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'chakong-desk.lock';

/** a lock file still empty this long after it was made is a crash between create and write */
const EMPTY_LOCK_STALE_MS = 10_000;

export class DataFolderLocked extends Error {
  readonly messageEn: string;
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    const who = pid ? `（进程号 ${pid}）` : '';
    super(`该数据文件夹已被另一个查控台进程使用${who}：${dataDir}。请先关闭那个查控台，或指定另一个数据文件夹（--data-dir）。`);
    this.messageEn = `This data folder is in use by another Chakong Desk process${pid ? ` (pid ${pid})` : ''}: ${dataDir}. Close that one first, or choose another data folder (--data-dir).`;
  }
}

export interface DataLock {
  readonly path: string;
  release(): void;
}

/** locks held by this process: a second start in the same process is refused like any other */
const held = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else, still a live owner
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner recorded in the lock file; null when the lock is stale (or gone). */
function liveOwner(file: string): number | undefined | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  const pid = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(pid) || pid <= 0) {
    // being written this very moment, or left half-made long ago
    try {
      return Date.now() - statSync(file).mtimeMs < EMPTY_LOCK_STALE_MS ? undefined : null;
    } catch {
      return null;
    }
  }
  if (pid === process.pid) return held.has(file) ? pid : null;
  return isRunning(pid) ? pid : null;
}

export function lockDataFolder(dataDir: string): DataLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(path.resolve(dataDir), LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = liveOwner(file);
      if (owner !== null) throw new DataFolderLocked(dataDir, owner);
      try {
        unlinkSync(file);
      } catch {
        // another start removed it first; the next attempt's O_EXCL decides
      }
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    held.add(file);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      held.delete(file);
      process.off('exit', release);
      // only our own lock: never one that a later owner took over
      try {
        if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
      } catch {
        // already gone
      }
    };
    process.on('exit', release);
    return { path: file, release };
  }
  throw new DataFolderLocked(dataDir, undefined);
}
