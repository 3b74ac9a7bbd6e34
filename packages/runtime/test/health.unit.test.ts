import { describe, expect, it } from 'vitest';
import { HealthRegistry, judge, type WorkStatus } from '../src/health.js';

const limits = { stallMs: 60_000, deadMs: 300_000 };
const T = 1_000_000_000;

describe('judging a part of a service', () => {
  it('calls a running part with nothing waiting healthy, however long ago it last worked', () => {
    expect(judge({ running: true, waiting: 0, progressAt: T - 3_600_000 }, T, limits)).toEqual({
      ready: true,
      live: true,
    });
  });

  it('calls a running part ready while waiting work still moves within the stall time', () => {
    expect(judge({ running: true, waiting: 40, progressAt: T - 59_000 }, T, limits).ready).toBe(true);
  });

  it('calls a part not ready when work waits and nothing moved for longer than the stall time', () => {
    const verdict = judge({ running: true, waiting: 40, progressAt: T - 61_000 }, T, limits);
    expect(verdict.ready).toBe('40 waiting and no progress for 61 s');
    expect(verdict.live).toBe(true);
  });

  it('fails liveness once a stall lasts longer than the dead time', () => {
    expect(judge({ running: true, waiting: 1, progressAt: T - 301_000 }, T, limits).live).toMatch(
      /no progress/,
    );
  });

  it('calls a part that is down not ready at once, and says why', () => {
    const down: WorkStatus = {
      running: false,
      downSince: T - 5_000,
      progressAt: T - 5_000,
      detail: 'crashed',
    };
    expect(judge(down, T, limits)).toEqual({ ready: 'not running for 5 s (crashed)', live: true });
  });

  it('fails liveness for a part down longer than the dead time', () => {
    const down: WorkStatus = { running: false, downSince: T - 301_000, progressAt: T - 400_000 };
    expect(judge(down, T, limits).live).toBe('not running for 301 s');
  });
});

describe('the health registry', () => {
  it('names each part with its verdict', () => {
    let now = T;
    const registry = new HealthRegistry(limits, () => now);
    registry.register('consumer:a', () => ({ running: true, waiting: 0, progressAt: T }));
    registry.register('consumer:b', () => ({ running: false, downSince: T, progressAt: T }));
    now = T + 10_000;
    expect(registry.readiness()).toEqual({ 'consumer:a': true, 'consumer:b': 'not running for 10 s' });
    expect(registry.liveness()).toEqual({ 'consumer:a': true, 'consumer:b': true });
    now = T + 400_000;
    expect(registry.liveness()['consumer:b']).toBe('not running for 400 s');
  });

  it('never fails liveness for a part that recovers by itself', () => {
    const registry = new HealthRegistry(limits, () => T);
    registry.register('mongo', {
      report: () => ({ running: false, downSince: T - 3_600_000, progressAt: 0 }),
      affectsLiveness: false,
    });
    expect(registry.readiness().mongo).toMatch(/not running/);
    expect(registry.liveness()).toEqual({ mongo: true });
  });

  it('reports a part whose report throws as not ready', () => {
    const registry = new HealthRegistry(limits, () => T);
    registry.register('broken', () => {
      throw new Error('boom');
    });
    expect(registry.readiness()).toEqual({ broken: 'could not report: boom' });
  });
});
