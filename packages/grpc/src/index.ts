// Public API of @motcua/grpc: server bootstrap with health, error mapping, unary adapter, clients.
export * from './client.js';
export * from './errors.js';
export { checkHealth } from './health-client.js';
export * from './logger.js';
export * from './server.js';
export * from './unary.js';
