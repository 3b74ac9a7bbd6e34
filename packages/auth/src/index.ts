// Public API of @motcua/auth: roles, the permission matrix and authorize(), tokens, and the guards
// the runtime installs on every service. Password hashing is the separate `@motcua/auth/password`.
export * from './applicant.js';
export * from './authorize.js';
export * from './bindings.js';
export * from './config.js';
export * from './duties.js';
export * from './grpc-guard.js';
export * from './guard.js';
export * from './http-guard.js';
export * from './lookup-key.js';
export * from './matrix.js';
export * from './roles.js';
export * from './tokens.js';
