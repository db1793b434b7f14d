/**
 * Host mode's core thread (docs/architecture.md §6): the store, the engines, the sandbox network and
 * the router, started in a worker so that the thread serving the page (server.ts) stays free. It
 * answers the calls the server relays (ipc/core-link.ts); the data folder is locked by the host
 * before this starts (start.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startCore, type Core, type CoreOptions } from '../services/core';
import { coreInfo, serveCore, startFailure, type FromCore, type ToCore } from '../ipc/core-link';

/** What the host hands the worker: startCore's options that can cross a thread. */
export type CoreWorkerData = Pick<CoreOptions, 'dataDir' | 'mode' | 'version' | 'env' | 'exportDir'>;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('core-worker runs as a worker thread');
  const post = (m: FromCore) => port.postMessage(m);
  let core: Core;
  try {
    core = await startCore(workerData as CoreWorkerData);
  } catch (e) {
    post(startFailure(e));
    return;
  }
  serveCore({ post, onMessage: (fn) => port.on('message', (m: ToCore) => fn(m)) }, core, 'json', () => port.close());
  post({ t: 'ready', info: coreInfo(core) });
}

void main();
