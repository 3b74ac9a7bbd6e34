// the `_id` reads the consumers' dedupe markers also use live with them in @motcua/kafka
export { findByIds, IDS_PER_QUERY } from '@motcua/kafka';
export * from './clock.js';
export * from './command-handler.js';
export * from './errors.js';
export * from './event-store.js';
export * from './hash-chain.js';
export * from './lru-map.js';
export * from './outbox-relay.js';
export * from './packed.js';
export * from './projection.js';
export * from './projection-batch.js';
export * from './relay-lease.js';
export * from './replay.js';
export type * from './types.js';
