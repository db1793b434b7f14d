/** The channel service board (IPC group `board`; docs/board.md): one read of the store's own records. */
import { BOARD_DEFAULT_DAYS } from '../../../shared/domain/board';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';

const DAY_MS = 86_400_000;

export function boardHandlers(d: Deps): FeatureHandlers<'board'> {
  return {
    channels: ({ days }, { store }) => {
      const now = d.now();
      const since = new Date(now.getTime() - (days ?? BOARD_DEFAULT_DAYS) * DAY_MS).toISOString();
      return { since, asOf: now.toISOString(), rows: store.channelBoard.rows(since, now.toISOString()) };
    },
  };
}
