/**
 * E2E harness: each test owns a fresh data folder (docs/architecture.md, principle 11) and its own host-mode process with the
 * embedded sandbox network; Debian's Chromium is driven through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { electronBinary as findElectron } from '../../scripts/electron-binary.mjs';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface HostApp {
  /** the printed one-time address (`/open?token=…`): a browser opening it gets the session cookie */
  openUrl: string;
  /** the app's own address, for more tabs of a browser that has the cookie */
  url: string;
  sandboxUrl: string;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export async function startHostApp(opts: { latencyScale?: number; dataDir?: string; env?: Record<string, string> } = {}): Promise<HostApp> {
  const cli = path.join(ROOT, 'dist/host/cli.cjs');
  if (!existsSync(cli)) throw new Error('dist/host/cli.cjs is missing: run `npm run build` (npm test does it)');
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ck-e2e-'));
  const proc = spawn(process.execPath, [cli, '--data-dir', dataDir, '--port', '0', '--sandbox-latency-scale', String(opts.latencyScale ?? 0.05)], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const urls = await new Promise<{ open: string; sandbox: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host mode did not start:\n${out}`)), 60_000);
    const check = () => {
      const open = /^CK_URL=(\S+)$/m.exec(out)?.[1];
      const sandbox = /^CK_SANDBOX_URL=(\S+)$/m.exec(out)?.[1] ?? '';
      if (open) {
        clearTimeout(timer);
        resolve({ open, sandbox });
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host mode exited with ${code}:\n${out}`));
    });
  });
  return {
    openUrl: urls.open,
    url: new URL(urls.open).origin,
    sandboxUrl: urls.sandbox,
    dataDir,
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) throw new Error(`Chromium not found at ${p}: install it (apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH`);
  return p;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--lang=zh-CN',
    ],
  });
}

/** The sandbox's truth about a subject (what the agencies hold), for asserting what the judge sees. */
export async function sandboxTruth(sandboxUrl: string, idNumber: string): Promise<any> {
  const res = await fetch(`${sandboxUrl}/sandbox/v1/subjects/${encodeURIComponent(idNumber)}`);
  if (!res.ok) throw new Error(`sandbox truth for subject: HTTP ${res.status}`);
  return res.json();
}

/** Electron binary path when one is installed, else undefined (never triggers a download). */
export function electronBinary(): string | undefined {
  return findElectron(ROOT);
}
