/** The Api the store's actions call; bound once at start (or per test) by `bindApi`. */
import type { Api } from '../../../shared/ipc/contract';

let current: Api | null = null;

export function api(): Api {
  if (!current) throw new Error('the store has no Api bound');
  return current;
}

export function setApi(a: Api | null): void {
  current = a;
}
