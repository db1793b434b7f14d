import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from '../../electron/engine/circuit-breaker';

function setup(threshold = 3, cooldownMs = 1_000) {
  let t = 0;
  const changes: string[] = [];
  const b = new CircuitBreaker({ threshold, cooldownMs }, () => t, (from: BreakerState, to: BreakerState) => changes.push(`${from}>${to}`));
  return { b, changes, advance: (ms: number) => { t += ms; } };
}

describe('circuit breaker', () => {
  it('opens after N consecutive transient failures, not before', () => {
    const { b, changes } = setup(3);
    b.onFailure(b.tryPass()!);
    b.onFailure(b.tryPass()!);
    expect(b.state()).toBe('closed');
    b.onFailure(b.tryPass()!);
    expect(b.state()).toBe('open');
    expect(b.tryPass()).toBeUndefined();
    expect(changes).toEqual(['closed>open']);
  });

  it('a success in between resets the count', () => {
    const { b } = setup(3);
    b.onFailure(b.tryPass()!);
    b.onFailure(b.tryPass()!);
    b.onSuccess(b.tryPass()!);
    b.onFailure(b.tryPass()!);
    b.onFailure(b.tryPass()!);
    expect(b.state()).toBe('closed');
    expect(b.consecutiveFailures).toBe(2);
  });

  it('neutral outcomes (429, network down) neither count nor reset', () => {
    const { b } = setup(2);
    b.onFailure(b.tryPass()!);
    b.onNeutral(b.tryPass()!);
    expect(b.consecutiveFailures).toBe(1);
    b.onFailure(b.tryPass()!);
    expect(b.state()).toBe('open');
  });

  it('half-opens after the cooldown and lets exactly one trial through', () => {
    const { b, advance } = setup(1, 1_000);
    b.onFailure(b.tryPass()!);
    expect(b.retryInMs()).toBe(1_000);
    advance(999);
    expect(b.state()).toBe('open');
    expect(b.retryInMs()).toBe(1);
    advance(1);
    expect(b.state()).toBe('half_open');
    const trial = b.tryPass();
    expect(trial?.trial).toBe(true);
    expect(b.tryPass()).toBeUndefined();
    expect(b.retryInMs()).toBeGreaterThan(0);
  });

  it('a successful trial closes it', () => {
    const { b, advance, changes } = setup(1, 1_000);
    b.onFailure(b.tryPass()!);
    advance(1_000);
    b.onSuccess(b.tryPass()!);
    expect(b.state()).toBe('closed');
    expect(b.tryPass()?.trial).toBe(false);
    expect(changes).toEqual(['closed>open', 'half_open>closed']);
  });

  it('a failed trial opens it again for a fresh cooldown', () => {
    const { b, advance } = setup(1, 1_000);
    b.onFailure(b.tryPass()!);
    advance(1_500);
    b.onFailure(b.tryPass()!);
    expect(b.state()).toBe('open');
    advance(999);
    expect(b.state()).toBe('open');
    advance(1);
    expect(b.state()).toBe('half_open');
  });

  it('a neutral trial frees the trial slot without deciding', () => {
    const { b, advance } = setup(1, 1_000);
    b.onFailure(b.tryPass()!);
    advance(1_000);
    b.onNeutral(b.tryPass()!);
    expect(b.state()).toBe('half_open');
    expect(b.tryPass()?.trial).toBe(true);
  });

  it('only the trial decides: a late failure of an older call does not reopen or block', () => {
    const { b, advance } = setup(1, 1_000);
    const old = b.tryPass()!; // let through while closed
    b.onFailure(b.tryPass()!); // opens
    advance(1_000);
    const trial = b.tryPass()!;
    b.onFailure(old);
    expect(b.state()).toBe('half_open');
    b.onSuccess(trial);
    expect(b.state()).toBe('closed');
  });
});
