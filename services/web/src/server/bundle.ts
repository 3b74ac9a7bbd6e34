import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The folder of services/web's package.json, from the sources or from the compiled build/main.js. */
function packageRoot(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${file}`);
    dir = up;
  }
  return dir;
}

const WEB_ROOT = packageRoot(fileURLToPath(import.meta.url));
export const CLIENT_DIR = join(WEB_ROOT, 'src/client');
/** The built app (not committed): index.html, app.js, app.css. */
export const DIST_DIR = join(WEB_ROOT, 'dist');
const BUNDLE = join(DIST_DIR, 'app.js');

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? await newestSource(path) : (await stat(path)).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** True when the bundle is missing or older than any client source. */
export async function bundleIsStale(): Promise<boolean> {
  const built = await stat(BUNDLE).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  return built === 0 || (await newestSource(CLIENT_DIR)) > built;
}

/** Bundles the single-page app with esbuild (Preact JSX), so starting the server is the only step. */
export async function buildClient(options: { minify?: boolean } = {}): Promise<void> {
  // Built aside, then moved in file by file (rename is atomic): a server started at the same time
  // (tests run several) never serves a half-written bundle.
  const aside = `${DIST_DIR}.${process.pid}.${Date.now()}`;
  await mkdir(aside, { recursive: true });
  await mkdir(DIST_DIR, { recursive: true });
  await build({
    entryPoints: { app: join(CLIENT_DIR, 'main.tsx') },
    outdir: aside,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: options.minify ?? true,
    sourcemap: true,
    logLevel: 'warning',
  });
  await copyFile(join(CLIENT_DIR, 'index.html'), join(aside, 'index.html'));
  // index.html last: it names the others.
  const files = (await readdir(aside)).sort(
    (a, b) => Number(a === 'index.html') - Number(b === 'index.html'),
  );
  for (const f of files) await rename(join(aside, f), join(DIST_DIR, f));
  await rm(aside, { recursive: true, force: true });
}

/** Builds the app when it is missing or stale; answers whether it built. */
export async function ensureClientBuilt(): Promise<boolean> {
  if (!(await bundleIsStale())) return false;
  await buildClient();
  return true;
}
