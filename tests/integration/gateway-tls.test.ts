/**
 * TLS to the gateway: a pinned CA (gateway.json `caFile` / `ca`) is the only one trusted; a
 * certificate that fails verification is its own state (NetworkStatus.certificate, request error
 * GATEWAY_CERTIFICATE), not a network outage; and the program refuses to start with certificate
 * checks switched off (NODE_TLS_REJECT_UNAUTHORIZED=0). Certificates are made with openssl in the
 * test; without openssl the TLS cases are skipped and say why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHttpTransport } from '../../electron/engine/http-transport';
import { GatewayCertificate } from '../../electron/engine/gateway-errors';
import { createGatewayClient } from '../../electron/engine/gateway-client';
import { NetworkMonitor } from '../../electron/engine/network-monitor';
import { Lifetime } from '../../electron/engine/lifetime';
import { errorForFailure } from '../../electron/engine/request-errors';
import { assertTlsVerification, ConfigError, loadDeploymentConfig } from '../../electron/services/config';
import type { NetworkStatus } from '../../shared/domain/types';

const ROOT = path.resolve(__dirname, '..', '..');
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.log('gateway-tls: openssl not found, the TLS cases are skipped (apt-get install openssl)');

let dir: string;
let server: https.Server;
let url = '';
let caPem = '';
let otherCaPem = '';

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** a CA, and a server certificate for 127.0.0.1 signed by it */
function makeCa(name: string): void {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

beforeAll(async () => {
  if (!hasOpenssl) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-tls-'));
  makeCa('gateway-ca');
  makeCa('other-ca');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'gateway-ca.pem', '-CAkey', 'gateway-ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
  caPem = readFileSync(path.join(dir, 'gateway-ca.pem'), 'utf8');
  otherCaPem = readFileSync(path.join(dir, 'other-ca.pem'), 'utf8');
  server = https.createServer(
    { key: readFileSync(path.join(dir, 'server.key')), cert: readFileSync(path.join(dir, 'server.pem')) },
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, network: 'gateway', time: new Date().toISOString() }));
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (!hasOpenssl) return;
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const health = (ca?: string) => {
  const t = createHttpTransport(ca ? { ca } : {});
  return t.send({ method: 'GET', url: new URL(`${url}/gw/v1/health`), headers: {}, timeoutMs: 5000 }).finally(() => t.close());
};

describe.skipIf(!hasOpenssl)('TLS to the gateway', () => {
  it('trusts the pinned CA', async () => {
    const a = await health(caPem);
    expect(a.status).toBe(200);
    expect(JSON.parse(a.text).ok).toBe(true);
  });

  it('with no pinned CA, a certificate from an unknown CA is refused as a certificate failure', async () => {
    const e = await health().catch((x) => x);
    expect(e).toBeInstanceOf(GatewayCertificate);
    expect(e.kind).toBe('unreachable'); // the handshake failed: nothing was sent
  });

  it('the pinned CA is the only one trusted: another CA does not vouch for this gateway', async () => {
    const e = await health(otherCaPem).catch((x) => x);
    expect(e).toBeInstanceOf(GatewayCertificate);
  });

  it('a certificate failure is its own network state and request error, not a network outage', async () => {
    const life = new Lifetime();
    const seen: NetworkStatus[] = [];
    const monitor = new NetworkMonitor({
      client: createGatewayClient({ url, stationId: 'ST', stationSecret: 's'.repeat(32) }),
      gateway: { url, network: 'gateway', stationId: 'ST', stationSecret: 's'.repeat(32) },
      life,
      now: () => new Date(),
      random: () => 0.5,
      probe: { baseMs: 60_000, maxMs: 60_000, timeoutMs: 5000 },
      emit: (s) => seen.push(s),
      log: () => {},
    });
    const s = await monitor.check();
    expect(s.online).toBe(false);
    expect(s.certificate).toBe(true);
    expect(seen.at(-1)?.certificate).toBe(true);
    life.stop();
    const err = errorForFailure(new GatewayCertificate('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 1);
    expect(err.code).toBe('GATEWAY_CERTIFICATE');
    expect(err.message).toContain('网关证书无法验证');
  });

  it('gateway.json pins the CA by caFile (relative to the data folder) or by ca; a non-PEM is refused', () => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'ck-tls-cfg-'));
    try {
      writeFileSync(path.join(data, 'ca.pem'), caPem);
      const base = { url, stationId: 'ST', court: '黔0103' };
      const env = { CK_STATION_SECRET: 'x'.repeat(32) };
      writeFileSync(path.join(data, 'gateway.json'), JSON.stringify({ ...base, caFile: 'ca.pem' }));
      const c = loadDeploymentConfig(env, data);
      expect(c.kind === 'gateway' && c.gateway.ca).toBe(caPem);
      writeFileSync(path.join(data, 'gateway.json'), JSON.stringify({ ...base, ca: otherCaPem }));
      const d = loadDeploymentConfig(env, data);
      expect(d.kind === 'gateway' && d.gateway.ca).toBe(otherCaPem);
      writeFileSync(path.join(data, 'gateway.json'), JSON.stringify({ ...base, ca: 'not a certificate' }));
      expect(() => loadDeploymentConfig(env, data)).toThrow(ConfigError);
      writeFileSync(path.join(data, 'gateway.json'), JSON.stringify({ ...base, caFile: 'missing.pem' }));
      expect(() => loadDeploymentConfig(env, data)).toThrow(/CA file cannot be read/);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});

describe('certificate checks cannot be switched off', () => {
  it('NODE_TLS_REJECT_UNAUTHORIZED=0 is refused with a clear message', () => {
    expect(() => assertTlsVerification({ NODE_TLS_REJECT_UNAUTHORIZED: '0' })).toThrow(/NODE_TLS_REJECT_UNAUTHORIZED=0 关闭了证书验证/);
    expect(() => assertTlsVerification({})).not.toThrow();
    expect(() => assertTlsVerification({ NODE_TLS_REJECT_UNAUTHORIZED: '1' })).not.toThrow();
  });

  const cli = path.join(ROOT, 'dist/host/cli.cjs');
  it.skipIf(!existsSync(cli))('the host CLI exits with a non-zero code before starting anything', () => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'ck-tls-cli-'));
    try {
      const r = spawnSync(process.execPath, [cli, '--data-dir', data], {
        env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('查控台拒绝在此状态下启动');
      expect(r.stdout).not.toContain('CK_URL=');
      expect(existsSync(path.join(data, 'chakong-desk.lock'))).toBe(false);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
