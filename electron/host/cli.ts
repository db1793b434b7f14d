/**
 * Host mode from the command line: `node dist/host/cli.cjs [--data-dir DIR] [--port N]`.
 * Starts the same core as Electron, serves the renderer on loopback and prints the address to open.
 * Prints `CK_URL=<address>` on a line of its own for scripts and tests.
 */
import path from 'node:path';
import os from 'node:os';
import { DataFolderLocked } from '../services/data-lock';
import { assertTlsVerification, ConfigError } from '../services/config';
import { CORE_LOST_MESSAGE, startHostMode } from './start';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function main(): Promise<void> {
  assertTlsVerification(process.env);
  const dataDir = path.resolve(arg('data-dir') ?? process.env.CK_DATA_DIR ?? path.join(os.homedir(), '.chakong-desk'));
  const port = Number(arg('port') ?? process.env.CK_PORT ?? 0);
  const latency = arg('sandbox-latency-scale');
  const env = { ...process.env, ...(latency ? { CK_SANDBOX_LATENCY_SCALE: latency } : {}) };
  const { core, host, stop: stopHost } = await startHostMode({
    dataDir,
    rendererDir: path.join(__dirname, '..', 'renderer'),
    port,
    version: process.env.npm_package_version ?? '0.1.0',
    env,
    // the core thread died: the server is closed and the folder unlocked; say so and end (start.ts)
    onCoreLost: (reason) => {
      console.error(`${CORE_LOST_MESSAGE} (${reason})`);
      process.exit(4);
    },
  });
  const net = core.gateway.network === 'sandbox' ? `沙箱网络 sandbox network ${core.gateway.url}` : `网关 gateway ${core.gateway.url}`;
  console.log(`查控台（主机模式）已启动 / Chakong Desk host mode is running — ${net}`);
  // the address works once: it becomes this browser's session cookie, good for more tabs and reopening
  console.log(`请在浏览器中打开（此地址仅可使用一次，之后该浏览器可直接访问 ${host.url}）/ open in a browser (works once; that browser then goes straight to ${host.url}): ${host.openUrl}`);
  if (core.sandbox) {
    const sb = core.sandbox;
    const codes = sb.enrolmentCodes.map((c) => `${c.code} ${c.name} ${c.enrolmentCode}`);
    // the demo officers' one-time codes (docs/sandbox.md): a new judge enrols with his own
    if (codes.length) console.log(`沙箱登记码 / sandbox enrolment codes: ${codes.join('; ')}`);
    console.log(`CK_SANDBOX_URL=${sb.url}`);
  }
  console.log(`CK_URL=${host.openUrl}`);
  const stop = async () => {
    await stopHost();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  if (e instanceof DataFolderLocked) {
    console.error(`${e.message}\n${e.messageEn}`);
    process.exit(3);
  }
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error('查控台启动失败 / failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
