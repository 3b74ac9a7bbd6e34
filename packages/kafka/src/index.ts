export * from './backoff.js';
export * from './client.js';
export * from './consumer.js';
export * from './dead-letter.js';
export * from './find-by-ids.js';
export * from './lag.js';
export * from './publisher.js';
export * from './topics.js';
