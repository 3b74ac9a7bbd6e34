// Compiles every service (and the web server) to one JavaScript file each, `services/<name>/build/main.js`,
// so production runs plain `node` (no TypeScript loader: less memory, faster start). The workspace
// packages (@motcua/*, which export their TypeScript sources) are bundled in; every other package stays
// an import resolved from the service's node_modules at run time. Source maps keep stack traces on the
// sources (`node --enable-source-maps`). Run through `pnpm build` (also by `./motcua up`); ADR 0005.
import { stat } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT } from '../packages/testing/src/infra.js';

const BUILT_SERVICES = ['intake', 'routing', 'department', 'notification', 'monitoring', 'web'] as const;
type BuiltService = (typeof BUILT_SERVICES)[number];

const builtEntry = (service: BuiltService): string => join(REPO_ROOT, 'services', service, 'build/main.js');

/**
 * Third-party packages stay imports, but of the exact file the importing workspace package resolves
 * (pnpm gives each package only its own dependencies), written relative to the bundle so the tree can
 * move. Workspace packages and relative files are bundled.
 */
function externalThirdParty(outfile: string): Plugin {
  return {
    name: 'external-third-party',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith('@motcua/') || args.pluginData === 'resolving') return undefined;
        if (args.path.startsWith('node:') || isBuiltin(args.path)) return { path: args.path, external: true };
        const found = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: 'resolving',
        });
        if (found.errors.length > 0) return { errors: found.errors };
        const path = relative(dirname(outfile), found.path).split(sep).join('/');
        return { path: path.startsWith('.') ? path : `./${path}`, external: true };
      });
    },
  };
}

async function buildService(service: BuiltService): Promise<void> {
  await build({
    entryPoints: [join(REPO_ROOT, 'services', service, 'src/main.ts')],
    outfile: builtEntry(service),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    plugins: [externalThirdParty(builtEntry(service))],
    logLevel: 'warning',
  });
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((s) => !(BUILT_SERVICES as readonly string[]).includes(s));
if (unknown.length > 0) {
  console.error(`build: unknown service(s) ${unknown.join(', ')}; known: ${BUILT_SERVICES.join(', ')}`);
  console.error(`build: không có dịch vụ ${unknown.join(', ')}; các dịch vụ: ${BUILT_SERVICES.join(', ')}`);
  process.exit(2);
}
const services = wanted.length > 0 ? (wanted as BuiltService[]) : [...BUILT_SERVICES];
const t0 = Date.now();
await Promise.all(services.map(buildService));
const sizes = await Promise.all(
  services.map(async (s) => `${s} ${Math.round((await stat(builtEntry(s))).size / 1024)} KiB`),
);
console.log(`[build] ${sizes.join(', ')} in ${Date.now() - t0} ms`);
