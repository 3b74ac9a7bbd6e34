export { getLogContext, type LogContext, withLogContext } from './context.js';
export { type CreateLoggerOptions, createLogger, type Logger } from './logger.js';
export { DEFAULT_REDACT_KEYS, REDACTED, redactDeep } from './redact.js';
