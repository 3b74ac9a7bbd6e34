// A launcher's parts (servers, the services, the consoles), started one after another and stopped in
// the reverse order. A stop asked while a part is still starting stops it too, once it is up, and
// nothing starts after it: Ctrl-C during `./motcua up`'s start leaves no service running without its
// launcher (it would hold the ports of the next start).

type Stopper = () => Promise<void> | void;

export class LaunchParts {
  private readonly stoppers: Stopper[] = [];
  private starting: Promise<unknown> = Promise.resolve();
  private stopped: Promise<void> | undefined;

  /** Waits for a part to start and registers how to stop it; after a stop was asked it never returns. */
  async start<T>(start: Promise<T>, stopIt: (started: T) => Promise<void> | void): Promise<T> {
    // registered before the caller's await resumes, so a stop asked meanwhile finds the part
    this.starting = start.then(
      (started) => void this.stoppers.push(() => stopIt(started)),
      () => undefined,
    );
    const started = await start;
    if (this.stopped) await new Promise<never>(() => {});
    return started;
  }

  /** Registers a part that is up already. */
  started(stopIt: Stopper): void {
    this.stoppers.push(stopIt);
  }

  /** Stops every part once, the last started first, after the one starting (if any) is up. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await this.starting;
      for (const stopIt of this.stoppers.reverse()) await stopIt();
    })();
    return this.stopped;
  }
}
