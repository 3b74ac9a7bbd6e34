export { type CommonServiceConfig, commonServiceConfig } from './common.js';
export { STOP_WITH_LAUNCHER, stopWhenLauncherGone } from './launcher.js';
export { ConfigError, type ConfigProblem, readConfig } from './read-config.js';
export { isDevelopmentMode, optionalSecretFromEnv, type SecretSpec, secretFromEnv } from './secrets.js';
export { bool, type ConfigOf, type Field, int, list, oneOf, type Spec, str, url } from './spec.js';
