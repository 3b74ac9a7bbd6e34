export * from './dedicated-infra.js';
export * from './eventually.js';
export * from './infra.js';
export * from './ports.js';
export * from './smtp-sink.js';
export * from './supervisor.js';
export * from './system.js';
export * from './web.js';
