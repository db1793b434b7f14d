// `npm start`: Electron when its binary is present, otherwise host mode in the browser.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.CK_FORCE_HOST === '1' ? undefined : electronBinary(root);
const args = process.argv.slice(2);
const child = bin
  ? spawn(bin, [root, ...args], { stdio: 'inherit' })
  : (console.log('未找到 Electron 可执行文件，改用主机模式（浏览器）启动 / Electron binary not found: starting host mode in the browser'),
    spawn(process.execPath, [path.join(root, 'dist/host/cli.cjs'), ...args], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
