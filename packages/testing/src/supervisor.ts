// Keeps one child process running: when it exits without being asked to, it is started again at once
// the first time, then after an exponential backoff while it keeps crashing; the streak resets once a
// run has stayed up long enough. Used by startSystem/startWeb
// (and so by `./motcua up`); the clock and the spawn are injected so the policy is unit-tested.
import type { ChildProcess } from 'node:child_process';

export interface BackoffPolicy {
  /** Delay before the first restart of a streak: a single crash (a kill -9) costs no waiting. */
  firstMs: number;
  /** Delay before the second restart of a streak; doubles (`factor`) for each further one. */
  initialMs: number;
  factor: number;
  maxMs: number;
  /** A run that lasted at least this long ends the streak: the next crash waits `firstMs` again. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  firstMs: 0,
  initialMs: 1_000,
  factor: 2,
  maxMs: 30_000,
  resetAfterMs: 60_000,
};

/** The restart delays of one process: pure, so the policy is tested without processes or timers. */
export class RestartBackoff {
  private streak = 0;
  /** Restarts over the process's whole life (not reset with the streak). */
  restarts = 0;

  constructor(private readonly policy: BackoffPolicy = DEFAULT_BACKOFF) {}

  /** Called when the process exited after running `upMs`; returns how long to wait before the restart. */
  next(upMs: number): number {
    if (upMs >= this.policy.resetAfterMs) this.streak = 0;
    const { firstMs, initialMs, factor, maxMs } = this.policy;
    const delay = this.streak === 0 ? firstMs : Math.min(maxMs, initialMs * factor ** (this.streak - 1));
    this.streak += 1;
    this.restarts += 1;
    return delay;
  }
}

export interface SupervisorClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemSupervisorClock: SupervisorClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type SupervisorEvent =
  | { kind: 'started'; name: string; pid: number | undefined; restart: number }
  | {
      kind: 'exited';
      name: string;
      /** `code 1` or `signal SIGKILL`. */
      how: string;
      /** Undefined when the process is not restarted (stopping, or not supervised). */
      restartInMs: number | undefined;
      restart: number;
    };

export interface SupervisorOptions {
  name: string;
  /** Starts one run of the process. */
  spawn: () => ChildProcess;
  /** false: a process that exits stays down (as a plain child process). */
  restart?: boolean;
  backoff?: Partial<BackoffPolicy>;
  clock?: SupervisorClock;
  onEvent?: (event: SupervisorEvent) => void;
}

/** How an exit reads in a log line. */
export const describeExit = (code: number | null, signal: NodeJS.Signals | null): string =>
  signal ? `signal ${signal}` : `code ${code}`;

/** The console/log line for an event, e.g. "intake exited (signal SIGKILL); restarting in 1 s (restart 2)". */
export function supervisorMessage(event: SupervisorEvent): string {
  if (event.kind === 'started') {
    return event.restart === 0
      ? `${event.name} started (pid ${event.pid})`
      : `${event.name} restarted (pid ${event.pid}, restart ${event.restart})`;
  }
  if (event.restartInMs === undefined) return `${event.name} exited (${event.how})`;
  if (event.restartInMs === 0)
    return `${event.name} exited (${event.how}); restarting now (restart ${event.restart})`;
  const seconds = Math.round(event.restartInMs / 100) / 10;
  return `${event.name} exited (${event.how}); restarting in ${seconds} s (restart ${event.restart})`;
}

export class Supervisor {
  private child: ChildProcess | undefined;
  private startedAt = 0;
  private pending: unknown;
  private stopping = false;
  private readonly backoff: RestartBackoff;
  private readonly clock: SupervisorClock;
  private readonly exitWaiters = new Set<() => void>();

  constructor(private readonly options: SupervisorOptions) {
    this.backoff = new RestartBackoff({ ...DEFAULT_BACKOFF, ...options.backoff });
    this.clock = options.clock ?? systemSupervisorClock;
  }

  /** The running process, if any (undefined while waiting to restart, or after it stayed down). */
  current(): ChildProcess | undefined {
    return this.child;
  }

  pid(): number | undefined {
    return this.child?.pid;
  }

  restarts(): number {
    return this.backoff.restarts;
  }

  /** True once the process exited and will not be started again. */
  isDown(): boolean {
    return this.child === undefined && this.pending === undefined;
  }

  start(): void {
    this.stopping = false;
    this.run();
  }

  /** Sends a signal to the current process (a test's fault); supervision then does what it does. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): boolean {
    return this.child?.kill(signal) ?? false;
  }

  /** Stops supervising, then the process: SIGTERM, and SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    if (this.pending !== undefined) this.clock.clearTimeout(this.pending);
    this.pending = undefined;
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      this.exitWaiters.add(() => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  private run(): void {
    this.pending = undefined;
    const child = this.options.spawn();
    this.child = child;
    this.startedAt = this.clock.now();
    this.options.onEvent?.({
      kind: 'started',
      name: this.options.name,
      pid: child.pid,
      restart: this.backoff.restarts,
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = undefined;
    for (const waiter of this.exitWaiters) waiter();
    this.exitWaiters.clear();
    const how = describeExit(code, signal);
    if (this.stopping || this.options.restart === false) {
      this.options.onEvent?.({
        kind: 'exited',
        name: this.options.name,
        how,
        restartInMs: undefined,
        restart: this.backoff.restarts,
      });
      return;
    }
    const delay = this.backoff.next(this.clock.now() - this.startedAt);
    this.options.onEvent?.({
      kind: 'exited',
      name: this.options.name,
      how,
      restartInMs: delay,
      restart: this.backoff.restarts,
    });
    this.pending = this.clock.setTimeout(() => {
      if (!this.stopping) this.run();
    }, delay);
  }
}
