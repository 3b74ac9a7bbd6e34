export { type BuildHttpAppOptions, buildHttpApp, type HttpApp, type RunningHttp, startHttp } from './app.js';
export { CORRELATION_HEADER, correlationIdOf } from './correlation.js';
export { asDomainError, type Bilingual, errorResponseSchema, type HttpErrorBody } from './errors.js';
export type { HealthChecks, LivenessCheck, ReadinessCheck } from './health.js';
export { metricsRegistry } from './metrics.js';
