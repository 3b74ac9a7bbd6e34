export * from './actor.js';
export * from './service.js';
export * from './validate-event.js';
