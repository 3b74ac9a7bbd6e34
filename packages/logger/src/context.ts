import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids that tie log lines to a request, a message or a dossier. */
export interface LogContext {
  correlationId?: string;
  causationId?: string;
  dossierId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `ctx` merged over the enclosing context, so inner scopes can add a dossierId. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  const merged: LogContext = { ...storage.getStore() };
  for (const [k, v] of Object.entries(ctx)) {
    if (v !== undefined) merged[k as keyof LogContext] = v;
  }
  return storage.run(merged, fn);
}

export function getLogContext(): LogContext | undefined {
  return storage.getStore();
}
