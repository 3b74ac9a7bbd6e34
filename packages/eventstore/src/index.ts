export * from './clock.js';
export * from './command-handler.js';
export * from './errors.js';
export * from './event-store.js';
export * from './hash-chain.js';
export * from './outbox-relay.js';
export * from './projection.js';
export * from './projection-batch.js';
export type * from './types.js';
