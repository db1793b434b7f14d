import { describe, expect, it } from 'vitest';
import type { ExchangeSteps } from '../../electron/engine/exchange/outline';
import { ExchangeRunner } from '../../electron/engine/exchange/runner';
import { Lifetime } from '../../electron/engine/lifetime';

interface J { id: string; sent: number }

/** A policy whose every exchange is accepted and answered at the first poll, after `ms` of waiting. */
function steps(life: Lifetime, ms: number, log: string[]): ExchangeSteps<J> {
  const ok = { value: { status: 'answered' }, raw: '{}', httpStatus: 200, created: true } as never;
  return {
    send: async (j) => {
      j.sent += 1;
      log.push(`send ${j.id}`);
      return ok;
    },
    accepted: () => 'poll',
    submitFailed: () => 'done',
    beforeAsk: () => life.sleep(ms).then(() => undefined),
    ask: async () => ok,
    statusFailed: () => 'done',
    answered: (j) => {
      log.push(`done ${j.id}`);
      return 'done';
    },
    crashed: () => undefined,
  };
}

describe('the exchange runner', () => {
  it('holds each id once: a second start of the same exchange sends nothing more', async () => {
    const life = new Lifetime();
    const log: string[] = [];
    const runner = new ExchangeRunner<J>(life, steps(life, 5, log));
    const job = { id: 'a', sent: 0 };
    expect(runner.start('a', () => job, 'submit')).toBe(true);
    expect(runner.start('a', () => job, 'submit')).toBe(false);
    await runner.idle();
    expect(job.sent).toBe(1);
    expect(log).toEqual(['send a', 'done a']);
    // once ended, it may be taken in hand again (a restart takes up what was left)
    expect(runner.start('a', () => job, 'resolve')).toBe(true);
    await runner.idle();
  });

  it('idle waits for every exchange and for what the hooks count as busy', async () => {
    const life = new Lifetime();
    const log: string[] = [];
    let held = true;
    const runner = new ExchangeRunner<J>(life, steps(life, 5, log), { busy: () => held });
    for (const id of ['a', 'b', 'c']) runner.start(id, () => ({ id, sent: 0 }), 'submit');
    let idle = false;
    const p = runner.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 40));
    expect(log.filter((l) => l.startsWith('done')).sort()).toEqual(['done a', 'done b', 'done c']);
    expect(idle).toBe(false);
    held = false;
    runner.settle();
    await p;
    expect(idle).toBe(true);
  });

  it('stop drops what has not started and ends what has without sending again', async () => {
    const life = new Lifetime();
    const log: string[] = [];
    const runner = new ExchangeRunner<J>(life, steps(life, 10_000, log));
    runner.start('a', () => ({ id: 'a', sent: 0 }), 'submit');
    await new Promise((r) => setImmediate(r));
    runner.start('b', () => ({ id: 'b', sent: 0 }), 'submit');
    life.stop();
    await runner.stop();
    expect(log).toEqual(['send a']);
    expect(runner.working).toBe(0);
    expect(runner.start('c', () => ({ id: 'c', sent: 0 }), 'submit')).toBe(false);
  });
});
