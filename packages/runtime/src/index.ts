export * from './actor.js';
export * from './health.js';
export * from './service.js';
export * from './validate-event.js';
