export * from './timer-runner.js';
export * from './timer-store.js';
