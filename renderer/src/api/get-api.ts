/**
 * The one way the app reaches main: `getApi()` returns the preload's bridge in Electron and the
 * WebSocket bridge in host mode. Both are the same `Api`; nothing else in the app can tell.
 */
import type { Api } from '../../../shared/ipc/contract';
import { alwaysOpen, type Connection } from './connection';
import { createWsBridge, type WebSocketLike } from './ws-bridge';

declare global {
  interface Window {
    /** exposed by electron/preload/preload.ts */
    chakong?: Api;
  }
}

let transport: { api: Api; connection: Connection } | null = null;

function open(): { api: Api; connection: Connection } {
  if (window.chakong) return { api: window.chakong, connection: alwaysOpen };
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const bridge = createWsBridge({
    baseUrl: `${scheme}://${window.location.host}`,
    storage: window.sessionStorage,
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
  });
  return { api: bridge.api, connection: bridge.connection };
}

export function getApi(): Api {
  return (transport ??= open()).api;
}

export function getConnection(): Connection {
  return (transport ??= open()).connection;
}

/** Tests: forget the transport so the next getApi() looks again. */
export function resetApiForTests(): void {
  transport = null;
}
