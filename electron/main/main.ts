/**
 * Electron entry: the thin layer that owns windows, the app:// protocol, security and IPC glue.
 * Everything else (engine, store, sandbox, services) is plain Node started by startCore().
 */
import { app, BrowserWindow, dialog, protocol, safeStorage, net } from 'electron';
import { notifyAlert } from './notify';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCore } from '../services/core';
import type { LinkedCore } from '../ipc/core-link';
import { startCoreProcess } from './core-process';
import { connectionOf, registerIpc, sendEvent } from './ipc-electron';
import { installSecurity } from './security';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './trusted-sender';
import { CONTENT_SECURITY_POLICY } from './csp';
import { windowPreferences } from './web-preferences';
import { DataFolderLocked, lockDataFolder, type DataLock } from '../services/data-lock';
import { assertTlsVerification, ConfigError } from '../services/config';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = path.join(__dirname, '..', 'renderer');
let mainWindow: BrowserWindow | undefined;
let core: LinkedCore | undefined;

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const u = new URL(request.url);
    const rel = u.pathname === '/' ? '/index.html' : decodeURIComponent(u.pathname);
    const file = path.resolve(rendererDir, `.${rel}`);
    if (u.host !== APP_HOST || !file.startsWith(rendererDir + path.sep)) return new Response('forbidden', { status: 403 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    return new Response(res.body, { status: res.status, headers });
  });
}

/**
 * The core in this process, or with CK_CORE_PROCESS=utility in a utility process that main relays
 * to (core-process.ts, docs/architecture.md §6). The utility process has no safeStorage: its store
 * is protected by the officer's passphrase. A core process that dies unasked ends the app with a message.
 */
async function startTheCore(): Promise<LinkedCore> {
  const options = {
    dataDir: app.getPath('userData'),
    mode: 'electron' as const,
    version: app.getVersion(),
    env: process.env,
    // evidence packages the officer exports go to his documents, not into the data folder
    exportDir: process.env.CK_EXPORT_DIR ?? path.join(app.getPath('documents'), '查控台证据包'),
  };
  if (process.env.CK_CORE_PROCESS !== 'utility') {
    // the vault refuses safeStorage where it is unsafe (Linux basic_text) and the password protects the key instead
    return startCore({ ...options, safeStorage });
  }
  const p = await startCoreProcess(path.join(__dirname, 'core-utility.cjs'), options);
  p.onLost((reason) => {
    const msg = `查控台核心进程意外退出，请重新启动 / the Chakong Desk core process exited unexpectedly; start it again (${reason})`;
    console.error(msg);
    dialog.showErrorBox('查控台 Chakong Desk', msg);
    dataLock?.release();
    app.exit(4);
  });
  return p;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1100,
    minHeight: 700,
    title: '查控台 Chakong Desk',
    show: false,
    webPreferences: windowPreferences(path.join(__dirname, '..', 'preload', 'preload.cjs'), app.isPackaged),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

// Certificate checks switched off for the whole process: refuse before anything starts (services/config.ts).
try {
  assertTlsVerification(process.env);
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  dialog.showErrorBox('查控台 Chakong Desk', e.message);
  app.exit(2);
  process.exit(2);
}

// The data folder first: Electron's single-instance lock is per userData folder, so it must be the
// folder this instance will really use.
if (process.env.CK_DATA_DIR) app.setPath('userData', path.resolve(process.env.CK_DATA_DIR));
let dataLock: DataLock | undefined;

// One instance per data folder: a second start focuses the first window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.whenReady().then(async () => {
    // the single-instance lock does not see a host-mode process on the same folder: the lock file does
    try {
      dataLock = lockDataFolder(app.getPath('userData'));
    } catch (e) {
      if (!(e instanceof DataFolderLocked)) throw e;
      dialog.showErrorBox('查控台 Chakong Desk', `${e.message}\n\n${e.messageEn}`);
      app.exit(3);
      return;
    }
    installSecurity();
    serveRenderer();
    core = await startTheCore();
    registerIpc(core.router);
    core.onEvent((event, payload, audience) => sendEvent(mainWindow?.webContents, event, payload, audience));
    core.onEvent((event, payload) => notifyAlert(event, payload, () => mainWindow));
    mainWindow = createWindow();
    const closing = connectionOf(mainWindow.webContents);
    mainWindow.on('closed', () => core?.connectionGone(closing));
  });

  app.on('window-all-closed', async () => {
    await core?.close();
    dataLock?.release();
    app.quit();
  });
}
