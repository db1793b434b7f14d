/**
 * A small structured logger: JSON lines to <dataDir>/logs/app.log (rotated by size) and, when asked, to
 * stderr. It never writes personal data (docs/architecture.md §9): messages are constant
 * strings (enforced by the type of `msg`), only whitelisted field keys are written, and every value
 * is passed through the masker, so an ID, credit code, account or phone number that slips into a
 * field is cut down to its first and last four characters.
 */
import fs from 'node:fs';
import path from 'node:path';
import { maskPersonal } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * The only field keys that reach the file. Ids are opaque UUIDs, codes are error or officer codes;
 * there is deliberately no key for a name, an ID number, an account or free text.
 */
export const LOG_FIELD_KEYS = [
  'id', 'requestId', 'caseId', 'partyId', 'assetId', 'officer', 'channel', 'kind', 'code', 'state',
  'status', 'count', 'total', 'imported', 'updated', 'ms', 'attempt', 'attempts', 'polls', 'version',
  'from', 'to', 'seq', 'entries', 'brokenAt', 'port', 'mode', 'network', 'protection', 'backend',
  'reason', 'method', 'route', 'httpStatus', 'bytes', 'limit', 'offset', 'event', 'phase', 'error',
  'call', 'sql', 'previous', 'requests', 'debtors', 'waiting', 'created', 'failure', 'garbage', 'gatewayCode',
] as const;
export type LogKey = (typeof LOG_FIELD_KEYS)[number];
export type LogValue = string | number | boolean | null | undefined | Error;
export type LogFields = { [K in LogKey]?: LogValue };
const ALLOWED: ReadonlySet<string> = new Set(LOG_FIELD_KEYS);

/** A string literal type: `log.info(\`failed for ${name}\`)` does not compile, `log.info('query failed')` does. */
export type ConstantMessage<M extends string> = string extends M ? never : M;

export interface Logger {
  debug<M extends string>(msg: ConstantMessage<M>, fields?: LogFields): void;
  info<M extends string>(msg: ConstantMessage<M>, fields?: LogFields): void;
  warn<M extends string>(msg: ConstantMessage<M>, fields?: LogFields): void;
  error<M extends string>(msg: ConstantMessage<M>, fields?: LogFields): void;
  /** a logger that adds these fields to every line */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** the data folder; lines go to <dir>/logs/app.log. Omitted → no file (stderr only, if echo) */
  dir?: string;
  level?: LogLevel;
  /** also write each line to stderr */
  echo?: boolean;
  /** rotate app.log when it would grow past this size */
  maxBytes?: number;
  /** rotated files kept: app.log.1 … app.log.N */
  maxFiles?: number;
  now?: () => Date;
}

const MAX_VALUE_CHARS = 200;

/** An Error's message can quote a party's name or ID: only its class and code are written. */
function describeError(e: Error): string {
  const code = (e as { code?: unknown; error?: { code?: unknown } }).error?.code ?? (e as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? `${e.name}:${String(code)}` : e.name;
}

function cleanValue(v: LogValue): string | number | boolean | null | undefined {
  if (v === undefined || v === null || typeof v === 'boolean') return v;
  if (v instanceof Error) return maskPersonal(describeError(v)).slice(0, MAX_VALUE_CHARS);
  if (typeof v === 'number') {
    // a number of 11+ digits is more likely an account or phone number than a measurement
    return Number.isFinite(v) && Math.abs(v) < 1e10 ? v : maskPersonal(String(v));
  }
  if (typeof v === 'string') return maskPersonal(v.slice(0, MAX_VALUE_CHARS));
  return undefined; // objects and arrays are never written: their contents are unknown
}

/** Whitelist, then mask. Exported for tests and for callers that build their own lines. */
export function sanitizeFields(fields: Record<string, unknown> | undefined): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  if (!fields) return out;
  for (const [k, v] of Object.entries(fields)) {
    if (!ALLOWED.has(k)) continue;
    const c = cleanValue(v as LogValue);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

interface Sink {
  write(line: string): void;
  close(): void;
}

/** app.log with size-based rotation; files 0600 in a 0700 folder (they are about court work). */
function fileSink(dir: string, maxBytes: number, maxFiles: number): Sink {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'app.log');
  let fd = -1;
  let size = 0;
  const open = () => {
    fd = fs.openSync(file, 'a', 0o600);
    size = fs.fstatSync(fd).size;
  };
  const rotate = () => {
    fs.closeSync(fd);
    for (let i = maxFiles - 1; i >= 1; i--) {
      const from = `${file}.${i}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i + 1}`);
    }
    if (maxFiles >= 1) fs.renameSync(file, `${file}.1`);
    else fs.rmSync(file, { force: true });
    open();
  };
  open();
  return {
    write(line) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      // synchronous: a line written before a crash is a line kept
      fs.writeSync(fd, line);
      size += bytes;
    },
    close() {
      if (fd >= 0) fs.closeSync(fd);
      fd = -1;
    },
  };
}

export type FileLogger = Logger & { close(): void };

export function createLogger(opts: LoggerOptions = {}): FileLogger {
  const min = RANK[opts.level ?? 'info'];
  const now = opts.now ?? (() => new Date());
  const sinks: Sink[] = [];
  if (opts.dir) sinks.push(fileSink(path.join(opts.dir, 'logs'), opts.maxBytes ?? 5 * 1024 * 1024, opts.maxFiles ?? 3));
  if (opts.echo) sinks.push({ write: (line) => void process.stderr.write(line), close: () => undefined });

  const make = (bound: Record<string, string | number | boolean | null>): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
      if (RANK[level] < min || sinks.length === 0) return;
      const line = `${JSON.stringify({
        t: now().toISOString(),
        level,
        // constant by type; masked anyway for callers that cast around the type
        msg: maskPersonal(String(msg).slice(0, MAX_VALUE_CHARS)),
        ...bound,
        ...sanitizeFields(fields),
      })}\n`;
      for (const s of sinks) {
        try {
          s.write(line);
        } catch {
          // a full disk must not take the program down with it
        }
      }
    };
    return {
      debug: (msg, fields) => emit('debug', msg, fields),
      info: (msg, fields) => emit('info', msg, fields),
      warn: (msg, fields) => emit('warn', msg, fields),
      error: (msg, fields) => emit('error', msg, fields),
      child: (fields) => make({ ...bound, ...sanitizeFields(fields) }),
    };
  };
  let closed = false;
  return {
    ...make({}),
    close() {
      if (closed) return;
      closed = true;
      for (const s of sinks) s.close();
      sinks.length = 0;
    },
  };
}

/**
 * The same logger as a plain function, for modules that take a log callback with free-form
 * messages (the engine's EngineLog, the IPC router). The whitelist and masking still apply; only
 * the compile-time check on constant messages is given up.
 */
export type LogSink = (level: LogLevel, msg: string, fields?: Record<string, string | number | boolean | null | undefined>) => void;

export function logSink(log: Logger): LogSink {
  return (level, msg, fields) => (log[level] as (m: string, f?: LogFields) => void)(msg, fields as LogFields);
}

/** Discards everything; the default where no logger is passed in. */
export const nullLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => nullLogger,
};
