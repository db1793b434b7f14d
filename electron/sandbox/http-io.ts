/** Small helpers over node:http: read a bounded body, answer JSON, answer a protocol error. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendRaw(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendRaw(res, status, JSON.stringify(value), headers);
}

export type GatewayErrorCode =
  | 'BAD_REQUEST' | 'BAD_SIGNATURE' | 'CLOCK_SKEW' | 'OFFICER_NOT_REGISTERED' | 'NOT_FOUND'
  | 'IDEMPOTENCY_CONFLICT' | 'CHANNEL_REFUSES' | 'RATE_LIMITED' | 'GW_BUSY' | 'FORBIDDEN' | 'ENROLMENT_REFUSED'
  | 'NOT_AUTHORISED' | 'PURPOSE_REFUSED' | 'APPROVAL_REQUIRED' | 'SIGNATURE_INVALID' | 'CREDIT_APPROVAL_REQUIRED' | 'CREDIT_RECORD_NOT_FOUND'
  | 'TERMINAL_APPROVAL_REQUIRED' | 'NOT_TERMINAL';

export function sendError(res: ServerResponse, status: number, code: GatewayErrorCode, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

/** Admin endpoints answer loopback peers only. */
export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

/** A request body that is a JSON object, or undefined (not JSON, an array, a scalar). */
export function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
