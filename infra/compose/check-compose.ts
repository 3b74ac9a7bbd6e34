// Project rules for docker-compose.yml that a compose implementation's own `config` check does not know:
// every service that the local run starts (SERVICES in packages/testing/src/system.ts) is in the file,
// built from infra/docker/Dockerfile, on the ports of docs/architecture.md, with a restart policy and a
// health check of liveness and readiness (infra/docker/probe.mjs), and it waits for healthy
// dependencies; Kafka and MongoDB have health checks too.
// Run by infra/compose/validate.sh after `docker-compose config`:  tsx infra/compose/check-compose.ts [file]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES } from '../../packages/testing/src/system.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const DOCKERFILE = 'infra/docker/Dockerfile';
/** The health check of the services' images: /health/live, then /health/ready. */
const PROBE = '/app/infra/docker/probe.mjs';
const RESTARTS = ['always', 'unless-stopped', 'on-failure'];

type Doc = Record<string, unknown>;

/**
 * The `yaml` package is not a direct dependency of the root; it comes with @fastify/swagger, a
 * dependency of @motcua/http. Resolving through that chain works with pnpm's strict node_modules.
 */
function yamlModule(): { parse(text: string, options?: object): unknown; stringify(value: unknown): string } {
  const fromHttp = createRequire(join(REPO, 'packages/http/package.json'));
  return createRequire(fromHttp.resolve('@fastify/swagger'))('yaml');
}

/** Parses a compose file as compose does: YAML 1.1 merge keys (`<<: *anchor`) resolved. */
export function loadCompose(file: string): Doc {
  const doc = yamlModule().parse(readFileSync(file, 'utf8'), { merge: true, maxAliasCount: -1 });
  if (!isMap(doc)) throw new Error(`${file}: not a YAML mapping`);
  return doc;
}

export function toYaml(doc: unknown): string {
  return yamlModule().stringify(doc);
}

const isMap = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
// Compose durations: 1m30s, 500ms, 10s ... (compose v1's `config` does not check them).
const DURATION = /^(\d+(\.\d+)?(us|ms|s|m|h))+$/;

/** HTTP and gRPC ports per service from the table in docs/architecture.md. */
export function documentedPorts(docsText: string): Map<string, { http: number; grpc: number }> {
  const ports = new Map<string, { http: number; grpc: number }>();
  for (const line of docsText.split('\n')) {
    const m = /^\|\s*([a-z][a-z0-9-]*)\s*\|.*\|\s*(\d{2,5})\s*\|\s*(\d{2,5})\s*\|\s*$/.exec(line.trim());
    if (m) ports.set(m[1]!, { http: Number(m[2]), grpc: Number(m[3]) });
  }
  return ports;
}

function envOf(service: Doc): Record<string, string> {
  const env = service.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((e) => {
        const [k, ...v] = String(e).split('=');
        return [k, v.join('=')];
      }),
    );
  }
  if (isMap(env))
    return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)]));
  return {};
}

function healthProblems(name: string, service: Doc): string[] {
  const hc = service.healthcheck;
  if (!isMap(hc)) return [`${name}: no healthcheck`];
  if (hc.disable === true) return [`${name}: healthcheck disabled`];
  const problems: string[] = [];
  const test = hc.test;
  if (!(Array.isArray(test) && test.length > 1) && !(typeof test === 'string' && test.trim() !== '')) {
    problems.push(`${name}: healthcheck has no test command`);
  } else if (Array.isArray(test) && !['CMD', 'CMD-SHELL'].includes(String(test[0]))) {
    problems.push(`${name}: healthcheck test must start with CMD or CMD-SHELL (got ${String(test[0])})`);
  }
  for (const key of ['interval', 'timeout', 'start_period']) {
    if (hc[key] !== undefined && !DURATION.test(String(hc[key]))) {
      problems.push(`${name}: healthcheck ${key} '${String(hc[key])}' is not a duration like 10s or 1m30s`);
    }
  }
  return problems;
}

function publishes(service: Doc, port: number): boolean {
  const ports = Array.isArray(service.ports) ? service.ports : [];
  return ports.some((p) => {
    if (isMap(p)) return Number(p.target) === port;
    const parts = String(p).split('/')[0]!.split(':');
    return Number(parts[parts.length - 1]) === port;
  });
}

export interface CheckOptions {
  /** Where relative build paths are resolved (compose's project directory). */
  projectDir?: string;
  services?: readonly string[];
  docsText?: string;
}

/** Returns the problems found; an empty list means the file follows the project's rules. */
export function checkCompose(doc: Doc, options: CheckOptions = {}): string[] {
  const projectDir = options.projectDir ?? REPO;
  const expected = options.services ?? SERVICES;
  const docs = documentedPorts(options.docsText ?? readFileSync(join(REPO, 'docs/architecture.md'), 'utf8'));
  const problems: string[] = [];
  const services = isMap(doc.services) ? doc.services : {};
  if (!existsSync(join(projectDir, PROBE.replace('/app/', '')))) {
    problems.push(`${PROBE.replace('/app/', '')} is missing (the services' health check)`);
  }

  for (const infra of ['kafka', 'mongo']) {
    const s = services[infra];
    if (!isMap(s)) problems.push(`${infra}: missing`);
    else problems.push(...healthProblems(infra, s));
  }
  const kafka = services.kafka;
  if (isMap(kafka)) {
    const env = envOf(kafka);
    if (!/(^|,)\s*[A-Z_]+:\/\/kafka:9092\s*(,|$)/.test(env.KAFKA_ADVERTISED_LISTENERS ?? '')) {
      problems.push('kafka: KAFKA_ADVERTISED_LISTENERS must advertise kafka:9092 to the other containers');
    }
    if ((env.KAFKA_AUTO_CREATE_TOPICS_ENABLE ?? '').toLowerCase() !== 'false') {
      problems.push('kafka: KAFKA_AUTO_CREATE_TOPICS_ENABLE must be false (services create their topics)');
    }
    for (const v of [
      'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR',
      'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR',
    ]) {
      if (env[v] !== '1') problems.push(`kafka: ${v} must be 1 on a single node`);
    }
  }

  for (const name of expected) {
    const s = services[name];
    if (!isMap(s)) {
      problems.push(
        `${name}: missing (every service in packages/testing/src/system.ts SERVICES must be in the file)`,
      );
      continue;
    }
    problems.push(...healthProblems(name, s));
    const upper = name.toUpperCase();
    const env = envOf(s);
    const ports = docs.get(name);
    if (!ports) problems.push(`${name}: no row with its ports in the Services table of docs/architecture.md`);
    const http = Number(env[`${upper}_HTTP_PORT`]);
    const grpc = Number(env[`${upper}_GRPC_PORT`]);
    if (!http) problems.push(`${name}: ${upper}_HTTP_PORT not set`);
    if (!grpc) problems.push(`${name}: ${upper}_GRPC_PORT not set`);
    if (ports && http && http !== ports.http) {
      problems.push(`${name}: HTTP port ${http} differs from docs/architecture.md (${ports.http})`);
    }
    if (ports && grpc && grpc !== ports.grpc) {
      problems.push(`${name}: gRPC port ${grpc} differs from docs/architecture.md (${ports.grpc})`);
    }
    if (http && !publishes(s, http)) problems.push(`${name}: HTTP port ${http} not published`);
    if (grpc && !publishes(s, grpc)) problems.push(`${name}: gRPC port ${grpc} not published`);
    const test = isMap(s.healthcheck) ? JSON.stringify(s.healthcheck.test ?? '') : '';
    const probes = test.includes(PROBE) && new RegExp(`:${http}(?![0-9])`).test(test);
    if (http && !probes && !test.includes(`:${http}/health/ready`)) {
      problems.push(
        `${name}: healthcheck must run ${PROBE} on port ${http} (or request /health/ready on it)`,
      );
    }
    if (!RESTARTS.includes(String(s.restart))) {
      problems.push(`${name}: restart must be one of ${RESTARTS.join(', ')} (a crashed service comes back)`);
    }
    for (const v of ['KAFKA_BROKERS', 'MONGO_URL']) if (!env[v]) problems.push(`${name}: ${v} not set`);

    const build = s.build;
    if (!isMap(build)) {
      problems.push(`${name}: must be built from ${DOCKERFILE} (build: with context and dockerfile)`);
    } else {
      const context = resolve(projectDir, String(build.context ?? '.'));
      const dockerfile = String(build.dockerfile ?? 'Dockerfile');
      if (resolve(context, dockerfile) !== resolve(projectDir, DOCKERFILE)) {
        problems.push(`${name}: build must use ${DOCKERFILE} with the repository as context`);
      } else if (!existsSync(resolve(context, dockerfile))) {
        problems.push(`${name}: ${DOCKERFILE} does not exist`);
      }
      const args = isMap(build.args) ? build.args : {};
      if (args.SERVICE !== name) problems.push(`${name}: build arg SERVICE must be '${name}'`);
    }

    const deps = s.depends_on;
    if (!isMap(deps)) {
      problems.push(`${name}: depends_on must be a map with condition: service_healthy`);
      continue;
    }
    for (const infra of ['kafka', 'mongo']) {
      if (!(infra in deps)) problems.push(`${name}: must depend on ${infra}`);
    }
    for (const [dep, spec] of Object.entries(deps)) {
      if (!isMap(spec) || spec.condition !== 'service_healthy') {
        problems.push(`${name}: depends_on ${dep} must use condition: service_healthy`);
      }
      const target = services[dep];
      if (isMap(target) && !isMap(target.healthcheck)) {
        problems.push(`${name}: depends on ${dep}, which has no healthcheck`);
      }
    }
  }
  return problems;
}

// CLI: tsx infra/compose/check-compose.ts [compose-file] [project-dir]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = resolve(process.argv[2] ?? join(REPO, 'docker-compose.yml'));
  const projectDir = resolve(process.argv[3] ?? REPO);
  let problems: string[];
  try {
    problems = checkCompose(loadCompose(file), { projectDir });
  } catch (err) {
    problems = [`cannot read ${file}: ${(err as Error).message}`];
  }
  if (problems.length > 0) {
    console.error(`[compose] ${file} breaks ${problems.length} project rule(s):`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log(
    `[compose] ${file}: services ${SERVICES.join(', ')} present with health checks; project rules OK`,
  );
}
