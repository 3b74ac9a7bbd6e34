// docker-compose.yml is checked without a Docker engine by infra/compose/validate.sh; these tests run it on
// the real file and on broken copies, which each stage must reject. The first run may install Debian's
// docker-compose with apt-get (~10-25 s).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCompose, REPO, toYaml } from '../check-compose.js';

const VALIDATE = join(REPO, 'infra/compose/validate.sh');
const COMPOSE = join(REPO, 'docker-compose.yml');
const dir = mkdtempSync(join(tmpdir(), 'motcua-compose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function validate(file?: string): { code: number | null; output: string } {
  const r = spawnSync('bash', [VALIDATE, ...(file ? [file] : [])], { encoding: 'utf8', timeout: 280_000 });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests edit free-form YAML documents
type Doc = Record<string, any>;
/** A copy of docker-compose.yml (anchors and merge keys resolved), changed by `edit`, in the temp dir. */
function brokenCopy(name: string, edit: (doc: Doc) => void): string {
  const doc = loadCompose(COMPOSE) as Doc;
  edit(doc);
  const file = join(dir, `${name}.yml`);
  writeFileSync(file, toYaml(doc));
  return file;
}

describe('docker-compose.yml validation (infra/compose/validate.sh)', () => {
  it('accepts the repository docker-compose.yml', { timeout: 300_000 }, () => {
    const { code, output } = validate();
    expect(output).toContain('stage 2');
    expect(code, output).toBe(0);
    expect(output).toContain('OK:');
  });

  it('accepts an unchanged copy written elsewhere (relative build paths resolve against the repo)', () => {
    const { code, output } = validate(brokenCopy('unchanged', () => {}));
    expect(code, output).toBe(0);
  });

  it('refuses a copy whose secret falls back to a value written in the file (exit 2)', () => {
    const { code, output } = validate(
      brokenCopy('secret-fallback', (d) => {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own interpolation syntax
        d.services.intake.environment.INTAKE_LOOKUP_SECRET = '${INTAKE_LOOKUP_SECRET:-readable-by-all-0123}';
      }),
    );
    expect(output).toContain('INTAKE_LOOKUP_SECRET has a fallback');
    expect(code, output).toBe(2);
  });

  it('publishes every port on loopback unless MOTCUA_BIND says otherwise', () => {
    const doc = loadCompose(COMPOSE) as Doc;
    const published = Object.values(doc.services).flatMap((s) => ((s as Doc).ports ?? []) as string[]);
    expect(published.length).toBeGreaterThan(10);
    for (const port of published) expect(port).toMatch(/^(127\.0\.0\.1|\$\{MOTCUA_BIND:-127\.0\.0\.1\}):/);
  });

  it.each([
    [
      'an unknown service option',
      (d: Doc) => {
        d.services.routing.helthcheck = d.services.routing.healthcheck;
      },
    ],
    [
      'a dependency on an undefined service',
      (d: Doc) => {
        d.services.intake.depends_on.ghost = { condition: 'service_healthy' };
      },
    ],
    [
      'an invalid depends_on condition',
      (d: Doc) => {
        d.services.department.depends_on.kafka.condition = 'when_ready';
      },
    ],
    [
      'ports that are not a list',
      (d: Doc) => {
        d.services.notification.ports = 'everything';
      },
    ],
  ])('compose rejects a copy with %s (exit 1)', (name, edit) => {
    const { code, output } = validate(brokenCopy(name.replace(/[^a-z0-9]+/gi, '-'), edit));
    expect(output).toContain('compose rejected');
    expect(code, output).toBe(1);
  });

  it.each([
    [
      'monitoring without its health check',
      (d: Doc) => {
        delete d.services.monitoring.healthcheck;
      },
      'monitoring: no healthcheck',
    ],
    [
      'the notification service missing',
      (d: Doc) => {
        delete d.services.notification;
        // …and the web consoles' wait for it, or compose itself rejects the copy (stage 1, exit 1).
        delete d.services.web.depends_on.notification;
      },
      'notification: missing',
    ],
    [
      'a service that is not restarted when it exits',
      (d: Doc) => {
        delete d.services.intake.restart;
      },
      'intake: restart must be one of',
    ],
    [
      'a health check that asks neither liveness nor readiness',
      (d: Doc) => {
        d.services.routing.healthcheck.test = ['CMD', 'true'];
      },
      'routing: healthcheck must run /app/infra/docker/probe.mjs on port 7102',
    ],
    [
      'a dependency started without waiting for health',
      (d: Doc) => {
        d.services.routing.depends_on.kafka = { condition: 'service_started' };
      },
      'routing: depends_on kafka must use condition: service_healthy',
    ],
    [
      'an HTTP port that differs from docs/architecture.md',
      (d: Doc) => {
        d.services.department.environment.DEPARTMENT_HTTP_PORT = 7999;
        d.services.department.ports = ['7999:7999', '7203:7203'];
      },
      'department: HTTP port 7999 differs from docs/architecture.md (7103)',
    ],
    [
      'a health-check interval that is not a duration',
      (d: Doc) => {
        d.services.mongo.healthcheck.interval = 'soon';
      },
      'mongo: healthcheck interval',
    ],
    [
      'an image built for another service',
      (d: Doc) => {
        d.services.monitoring.build.args.SERVICE = 'routing';
      },
      "monitoring: build arg SERVICE must be 'monitoring'",
    ],
    [
      'Kafka creating topics on its own',
      (d: Doc) => {
        d.services.kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE = 'true';
      },
      'KAFKA_AUTO_CREATE_TOPICS_ENABLE',
    ],
  ])('the project rules reject a copy with %s (exit 2)', (name, edit, message) => {
    const { code, output } = validate(brokenCopy(name.replace(/[^a-z0-9]+/gi, '-'), edit));
    expect(output).toContain(message);
    expect(code, output).toBe(2);
  });
});
