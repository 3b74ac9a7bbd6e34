import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import { getLogContext } from './context.js';
import { DEFAULT_REDACT_KEYS, normalizeKey, redactDeep } from './redact.js';

export type Logger = PinoLogger;

export interface CreateLoggerOptions {
  service: string;
  level?: string;
  /** Where JSON lines go; stdout when omitted. Tests pass a stream to capture lines. */
  destination?: DestinationStream;
  /** Extra personal-data keys to mask, in addition to DEFAULT_REDACT_KEYS. */
  redactKeys?: string[];
}

export function createLogger(opts: CreateLoggerOptions): Logger {
  const keys = new Set([...DEFAULT_REDACT_KEYS, ...(opts.redactKeys ?? [])].map(normalizeKey));
  const options: pino.LoggerOptions = {
    level: opts.level ?? 'info',
    base: { service: opts.service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    formatters: {
      level: (label) => ({ level: label }),
      // Runs on the merged object (mixin + call args) of every line.
      log: (obj) => redactDeep(obj, keys) as Record<string, unknown>,
    },
    // formatters.log already turned errors into masked plain objects; a stock err serializer (e.g. fastify's)
    // would re-serialize them and lose `type`, so ours passes them through.
    serializers: { err: (e: unknown) => (e instanceof Error ? redactDeep(e, keys) : e) },
    mixin: () => ({ ...getLogContext() }),
  };
  const root = opts.destination ? pino(options, opts.destination) : pino(options);
  // pino applies formatters.bindings to the root only, so mask child bindings here; children inherit this.
  const child = root.child;
  root.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, redactDeep(bindings, keys) as pino.Bindings, childOptions);
  } as typeof root.child;
  return root;
}
