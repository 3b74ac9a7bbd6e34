import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { STOP_WITH_LAUNCHER, stopWhenLauncherGone } from '../src/launcher.js';

describe('stopWhenLauncherGone', () => {
  it('stops once when the launcher closes its end of stdin', async () => {
    const stdin = new PassThrough();
    const reasons: string[] = [];
    expect(stopWhenLauncherGone((r) => reasons.push(r), { [STOP_WITH_LAUNCHER]: '1' }, stdin)).toBe(true);
    stdin.end();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(reasons).toEqual(['launcher gone: its end of stdin closed']);
  });

  it('keeps running while the launcher only holds the pipe open', async () => {
    const stdin = new PassThrough();
    const reasons: string[] = [];
    stopWhenLauncherGone((r) => reasons.push(r), { [STOP_WITH_LAUNCHER]: '1' }, stdin);
    stdin.write('anything the launcher might write is ignored\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(reasons).toEqual([]);
  });

  it('stops on a broken pipe instead of throwing', async () => {
    const stdin = new PassThrough();
    const reasons: string[] = [];
    stopWhenLauncherGone((r) => reasons.push(r), { [STOP_WITH_LAUNCHER]: '1' }, stdin);
    stdin.destroy(new Error('EPIPE'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(reasons).toHaveLength(1);
  });

  it('watches nothing in a process the launcher did not start', () => {
    const stdin = new PassThrough();
    let stopped = false;
    expect(stopWhenLauncherGone(() => (stopped = true), {}, stdin)).toBe(false);
    stdin.end();
    expect(stdin.listenerCount('end')).toBe(0);
    expect(stopped).toBe(false);
  });
});
