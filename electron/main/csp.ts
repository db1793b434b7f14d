/**
 * One strict Content-Security-Policy for the renderer (docs/architecture.md, principle 8), in Electron and in host mode. The
 * page may connect to nothing but its one socket: in host mode the loopback WebSocket of this very
 * server (`ws://127.0.0.1:PORT`), in Electron nothing at all, since calls go over IPC.
 */
export function contentSecurityPolicy(socket?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${socket ?? "'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Electron's: IPC only, no network connection from the page */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
