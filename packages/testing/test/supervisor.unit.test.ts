import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  RestartBackoff,
  Supervisor,
  type SupervisorClock,
  type SupervisorEvent,
  supervisorMessage,
} from '../src/supervisor.js';

const policy = { firstMs: 0, initialMs: 1_000, factor: 2, maxMs: 8_000, resetAfterMs: 60_000 };

describe('the restart backoff', () => {
  it('restarts at once after one crash, then doubles the delay for each crash in a row, up to the maximum', () => {
    const backoff = new RestartBackoff(policy);
    const delays = [0, 0, 0, 0, 0, 0].map(() => backoff.next(500));
    expect(delays).toEqual([0, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('starts again from the first delay once a run has stayed up long enough', () => {
    const backoff = new RestartBackoff(policy);
    backoff.next(500);
    backoff.next(500);
    expect(backoff.next(59_999)).toBe(2_000);
    expect(backoff.next(60_000)).toBe(0);
    expect(backoff.next(10)).toBe(1_000);
  });

  it('counts every restart of the process, across streaks', () => {
    const backoff = new RestartBackoff(policy);
    backoff.next(10);
    backoff.next(120_000);
    backoff.next(10);
    expect(backoff.restarts).toBe(3);
  });
});

/** A clock whose time and timers move only when the test says so. */
function manualClock(): SupervisorClock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      timers = timers.filter((t) => t !== handle);
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
  };
}

/** Stands in for a child process: exits when killed or when the test says so. */
class FakeChild extends EventEmitter {
  constructor(readonly pid: number) {
    super();
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    queueMicrotask(() => this.emit('exit', null, signal));
    return true;
  }
  exit(code: number): void {
    this.emit('exit', code, null);
  }
}

function supervised(restart = true) {
  const clock = manualClock();
  const children: FakeChild[] = [];
  const events: SupervisorEvent[] = [];
  const supervisor = new Supervisor({
    name: 'intake',
    spawn: () => {
      const child = new FakeChild(100 + children.length);
      children.push(child);
      return child as unknown as ChildProcess;
    },
    restart,
    backoff: policy,
    clock,
    onEvent: (e) => events.push(e),
  });
  supervisor.start();
  return { clock, children, events, supervisor, messages: () => events.map(supervisorMessage) };
}

describe('a supervised process', () => {
  it('is started again at once when it exits unexpectedly, and says so', () => {
    const { clock, children, supervisor, messages } = supervised();
    children[0]!.exit(1);
    expect(supervisor.pid()).toBeUndefined();
    clock.advance(0);
    expect(children).toHaveLength(2);
    expect(supervisor.pid()).toBe(101);
    expect(messages()).toEqual([
      'intake started (pid 100)',
      'intake exited (code 1); restarting now (restart 1)',
      'intake restarted (pid 101, restart 1)',
    ]);
  });

  it('waits after the second crash in a row, longer after each further one, and not again after a long run', () => {
    const { clock, children, messages } = supervised();
    children[0]!.exit(1);
    clock.advance(0);
    children[1]!.exit(1);
    expect(messages().at(-1)).toBe('intake exited (code 1); restarting in 1 s (restart 2)');
    clock.advance(999);
    expect(children).toHaveLength(2);
    clock.advance(1);
    expect(children).toHaveLength(3);
    clock.advance(60_000);
    children[2]!.emit('exit', null, 'SIGKILL');
    expect(messages().at(-1)).toBe('intake exited (signal SIGKILL); restarting now (restart 3)');
  });

  it('is not started again once it is being stopped', async () => {
    const { clock, children, supervisor, messages } = supervised();
    await supervisor.stop();
    clock.advance(120_000);
    expect(children).toHaveLength(1);
    expect(supervisor.isDown()).toBe(true);
    expect(messages().at(-1)).toBe('intake exited (signal SIGTERM)');
  });

  it('cancels a pending restart when stopped during the backoff', async () => {
    const { clock, children, supervisor } = supervised();
    children[0]!.exit(1);
    await supervisor.stop();
    clock.advance(120_000);
    expect(children).toHaveLength(1);
  });

  it('stays down when supervision is off, as a plain child process', () => {
    const { clock, children, supervisor } = supervised(false);
    children[0]!.exit(1);
    clock.advance(120_000);
    expect(children).toHaveLength(1);
    expect(supervisor.isDown()).toBe(true);
  });
});
