/**
 * Host mode started: the data folder locked first (services/data-lock.ts), then the core, then the
 * loopback server. Used by the CLI and by tests, so both start it the same way.
 */
import { startCore, type Core } from '../services/core';
import { lockDataFolder } from '../services/data-lock';
import { startHostServer, type HostServer } from './server';

export interface HostModeOptions {
  dataDir: string;
  rendererDir: string;
  port?: number;
  version?: string;
  env: Record<string, string | undefined>;
}

export interface HostMode {
  core: Core;
  host: HostServer;
  stop(): Promise<void>;
}

/** Throws DataFolderLocked, before anything has started, when another process has the folder. */
export async function startHostMode(o: HostModeOptions): Promise<HostMode> {
  const lock = lockDataFolder(o.dataDir);
  let core: Core | undefined;
  try {
    core = await startCore({ dataDir: o.dataDir, mode: 'host', version: o.version ?? '0.1.0', env: o.env });
    const c = core;
    const host = await startHostServer({
      rendererDir: o.rendererDir,
      router: c.router,
      port: o.port ?? 0,
      onGone: (connection) => c.connectionGone(connection),
    });
    c.onEvent((event, payload, audience) => host.emit(event, payload, audience));
    let stopped = false;
    return {
      core: c,
      host,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await host.close();
          await c.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (e) {
    await core?.close().catch(() => {});
    lock.release();
    throw e;
  }
}
