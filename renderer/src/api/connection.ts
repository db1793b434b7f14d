/**
 * The state of the link to the local services, whatever carries it. The rest of the app reads this
 * to say "reconnecting" or "reopen the address"; it never learns which transport is underneath.
 */
export type ConnectionState =
  /** first connection not yet established */
  | 'connecting'
  | 'open'
  /** was open, dropped, trying again; calls wait */
  | 'reconnecting'
  /** the access token was refused (or the service is gone): the page must be reopened */
  | 'refused';

export interface Connection {
  get(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** The Electron preload bridge is always connected. */
export const alwaysOpen: Connection = {
  get: () => 'open',
  subscribe: () => () => {},
};

export function connectionCell(initial: ConnectionState): Connection & { set(s: ConnectionState): void } {
  let state = initial;
  const listeners = new Set<(s: ConnectionState) => void>();
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    set(s) {
      if (s === state) return;
      state = s;
      for (const l of [...listeners]) l(s);
    },
  };
}
