/**
 * Deployment configuration: which gateway, as which court station. Environment first, then
 * `gateway.json` in the data folder; with neither, the embedded sandbox network is the gateway.
 * The gateway's CA may be pinned (`caFile`, a path relative to the data folder, or `ca`, the PEM
 * itself): it is then the only CA the transport trusts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface GatewaySettings {
  url: string;
  stationId: string;
  stationSecret: string;
  court: string;
  /** the court's full name as printed on its documents */
  courtName: string;
  /** PEM of the pinned CA, when one is configured */
  ca?: string;
}

export interface SandboxSettings {
  seed?: number;
  latencyScale?: number;
  port?: number;
  /** the docket's size (CK_SANDBOX_CASES), default the sandbox's own */
  docketCases?: number;
}

export type DeploymentConfig = { kind: 'gateway'; gateway: GatewaySettings } | { kind: 'sandbox'; sandbox: SandboxSettings };

export class ConfigError extends Error {}

/**
 * Certificate checks cannot be switched off: with NODE_TLS_REJECT_UNAUTHORIZED=0 every HTTPS
 * connection of the process (the gateway's among them) would accept any certificate, so that an
 * impostor could receive the judges' queries and hand out forged answers. The program refuses to start.
 */
export function assertTlsVerification(env: Record<string, string | undefined>): void {
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    throw new ConfigError(
      '环境变量 NODE_TLS_REJECT_UNAUTHORIZED=0 关闭了证书验证，查控台拒绝在此状态下启动：请删除该变量；网关使用自有证书时，请在 gateway.json 中配置 caFile。' +
        '\nNODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate verification off; Chakong Desk will not start so. Remove it; for a gateway with its own CA, set caFile in gateway.json.',
    );
  }
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

function pinnedCa(env: Record<string, string | undefined>, file: Record<string, unknown>, dataDir: string): string | undefined {
  const caFile = env.CK_GATEWAY_CA_FILE ?? (typeof file.caFile === 'string' ? file.caFile : undefined);
  let pem = typeof file.ca === 'string' ? file.ca : undefined;
  if (caFile) {
    const p = path.resolve(dataDir, caFile);
    try {
      pem = readFileSync(p, 'utf8');
    } catch {
      throw new ConfigError(`the gateway CA file cannot be read: ${p}`);
    }
  }
  if (pem === undefined) return undefined;
  if (!PEM_CERT.test(pem)) throw new ConfigError('the gateway CA is not a PEM certificate (-----BEGIN CERTIFICATE-----)');
  return pem;
}

/** the most cases CK_SANDBOX_CASES may ask the sandbox's docket for (a big bureau's several years) */
export const MAX_DOCKET_CASES = 20_000;

function docketSize(v: string | undefined): number | undefined {
  const n = num(v);
  if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > MAX_DOCKET_CASES)) {
    throw new ConfigError(`CK_SANDBOX_CASES must be a whole number of cases from 1 to ${MAX_DOCKET_CASES}: ${v}`);
  }
  return n;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ConfigError(`not a number: ${v}`);
  return n;
}

export function loadDeploymentConfig(env: Record<string, string | undefined>, dataDir: string): DeploymentConfig {
  let file: Record<string, unknown> = {};
  const p = path.join(dataDir, 'gateway.json');
  if (existsSync(p)) {
    try {
      file = JSON.parse(readFileSync(p, 'utf8'));
    } catch {
      throw new ConfigError(`${p} is not valid JSON`);
    }
  }
  const str = (k: string) => (typeof file[k] === 'string' ? (file[k] as string) : undefined);
  const url = env.CK_GATEWAY_URL ?? str('url');
  if (!url) {
    return {
      kind: 'sandbox',
      sandbox: { seed: num(env.CK_SANDBOX_SEED), latencyScale: num(env.CK_SANDBOX_LATENCY_SCALE), port: num(env.CK_SANDBOX_PORT), docketCases: docketSize(env.CK_SANDBOX_CASES) },
    };
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`gateway URL is not a URL: ${url}`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !loopback) throw new ConfigError('a gateway outside this machine must be reached over https');
  const secretFile = env.CK_STATION_SECRET_FILE ?? str('stationSecretFile');
  const stationSecret = env.CK_STATION_SECRET ?? (secretFile ? readFileSync(secretFile, 'utf8').trim() : undefined);
  const stationId = env.CK_STATION_ID ?? str('stationId');
  const court = env.CK_COURT ?? str('court');
  if (!stationId || !stationSecret || !court) throw new ConfigError('gateway configured without station id, station secret or court');
  const courtName = env.CK_COURT_NAME ?? str('courtName') ?? court;
  const ca = pinnedCa(env, file, dataDir);
  return { kind: 'gateway', gateway: { url: url.replace(/\/$/, ''), stationId, stationSecret, court, courtName, ...(ca ? { ca } : {}) } };
}
