import { stopWhenLauncherGone } from '@motcua/config';
import { DIST_DIR, ensureClientBuilt } from './server/bundle.js';
import { webConfig } from './server/config.js';
import { buildWebServer } from './server/server.js';

const config = webConfig();
const rebuilt = await ensureClientBuilt();
const app = await buildWebServer({
  upstreams: config.upstreams,
  distDir: DIST_DIR,
  logLevel: config.logLevel,
  hstsMaxAgeSeconds: config.hstsMaxAgeSeconds,
});
await app.listen({ host: config.host, port: config.port });
app.log.info({ rebuilt, upstreams: config.upstreams }, 'web consoles ready');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
stopWhenLauncherGone(() => void stop());
