/**
 * Electron's core process (docs/architecture.md §6): the store, the engines, the sandbox network and
 * the router in a utility process, as host mode runs them in a worker (electron/host/core-worker.ts).
 * Main sends the start options as the first message, then relays each window's calls
 * (core-process.ts); answers and events go back as values (structured clone), as ipcMain hands them
 * to the window. The OS key store (safeStorage) is main's alone and does not reach this process,
 * so a store made here is protected by the officer's passphrase.
 */
import { startCore, type Core, type CoreOptions } from '../services/core';
import { coreInfo, serveCore, startFailure, type FromCore, type ToCore } from '../ipc/core-link';

export type CoreProcessData = Pick<CoreOptions, 'dataDir' | 'mode' | 'version' | 'env' | 'exportDir'>;

const port = process.parentPort;
const post = (m: FromCore) => port.postMessage(m);

port.once('message', (first) => {
  void (async () => {
    let core: Core;
    try {
      core = await startCore(first.data as CoreProcessData);
    } catch (e) {
      post(startFailure(e));
      return;
    }
    serveCore({ post, onMessage: (fn) => port.on('message', (e) => fn(e.data as ToCore)) }, core, 'clone', () => process.exit(0));
    post({ t: 'ready', info: coreInfo(core) });
  })();
});
