/**
 * IPC group `board` (docs/board.md): the channel service board — per agency and bank, answer
 * latency percentiles, failed, manual and unanswered queries, and how long frozen money has waited
 * to be deducted. Counts from this workstation's own records; no personal data.
 */
import { z } from 'zod';
import { BOARD_MAX_DAYS, type ChannelBoard } from '../../domain/board';

const out = <T>() => z.custom<T>(() => true);

export const boardGroup = {
  channels: {
    policy: { act: 'board.read', read: true },
    input: z.object({ days: z.number().int().min(1).max(BOARD_MAX_DAYS, `最长可看 ${BOARD_MAX_DAYS} 天`).optional() }).strict(),
    output: out<ChannelBoard>(),
  },
} as const;
