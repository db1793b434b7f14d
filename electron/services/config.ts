/**
 * Deployment configuration: which gateway, as which court station. Environment first, then
 * `gateway.json` in the data folder; with neither, the embedded sandbox network is the gateway.
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
}

export interface SandboxSettings {
  seed?: number;
  latencyScale?: number;
  port?: number;
}

export type DeploymentConfig = { kind: 'gateway'; gateway: GatewaySettings } | { kind: 'sandbox'; sandbox: SandboxSettings };

export class ConfigError extends Error {}

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
      sandbox: { seed: num(env.CK_SANDBOX_SEED), latencyScale: num(env.CK_SANDBOX_LATENCY_SCALE), port: num(env.CK_SANDBOX_PORT) },
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
  return { kind: 'gateway', gateway: { url: url.replace(/\/$/, ''), stationId, stationSecret, court, courtName } };
}
