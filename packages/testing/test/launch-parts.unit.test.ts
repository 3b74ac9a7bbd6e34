import { describe, expect, it } from 'vitest';
import { LaunchParts } from '../src/launch-parts.js';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe("a launcher's parts", () => {
  it('stop in the reverse order of their start', async () => {
    const parts = new LaunchParts();
    const stopped: string[] = [];
    await parts.start(Promise.resolve('smtp'), (p) => void stopped.push(p));
    parts.started(() => void stopped.push('mail viewer'));
    await parts.start(Promise.resolve('services'), (p) => void stopped.push(p));
    await parts.stop();
    expect(stopped).toEqual(['services', 'mail viewer', 'smtp']);
  });

  it('stop a part that was still starting when the stop was asked, once it is up, and start nothing after it', async () => {
    const parts = new LaunchParts();
    const stopped: string[] = [];
    await parts.start(Promise.resolve('smtp'), (p) => void stopped.push(p));
    const services = deferred<string>();
    let returned = false;
    void parts
      .start(services.promise, (p) => void stopped.push(p))
      .then(() => {
        returned = true;
      });

    const stopping = parts.stop();
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toEqual([]); // waits for the services to be up

    services.resolve('services');
    await stopping;
    expect(stopped).toEqual(['services', 'smtp']);
    expect(returned).toBe(false); // the launcher goes no further (the consoles are not started)
  });

  it('stop once, however often asked', async () => {
    const parts = new LaunchParts();
    let stops = 0;
    await parts.start(Promise.resolve('services'), () => {
      stops++;
    });
    await Promise.all([parts.stop(), parts.stop()]);
    await parts.stop();
    expect(stops).toBe(1);
  });

  it('leave out a part that failed to start', async () => {
    const parts = new LaunchParts();
    const stopped: string[] = [];
    await parts.start(Promise.resolve('smtp'), (p) => void stopped.push(p));
    await expect(
      parts.start(Promise.reject(new Error('port taken')), () => void stopped.push('services')),
    ).rejects.toThrow('port taken');
    await parts.stop();
    expect(stopped).toEqual(['smtp']);
  });
});
