// `pnpm chaos` / `./motcua chaos`: faults injected one at a time into a system of its own under a steady
// load of lifecycles; prints what recovered, how fast, and what was lost or done twice. Exit 1 on any
// failed check. `--help` for the options.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { e2ePort, REPO_ROOT } from '@motcua/testing';
import { DEFAULT_FAULTS, FAULTS, faultsNamed } from './lib/faults.js';
import { renderReport } from './lib/report.js';
import { runChaos } from './lib/run.js';

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
// The load receives dossiers "today" at the 2018 city center (hue-city), as the e2e version does under
// vitest: with today's organisation (the default, `hue`) every reception is refused (400, the officer's
// center is not a known one) and no lifecycle can finish.
process.env.MOTCUA_ORGANISATION ??= 'hue-2018';

const USAGE = `Usage: pnpm chaos [options]   (or ./motcua chaos [options])
  --dossiers N               lifecycles in all, spread over the faults (default 60)
  --faults a,b,...           faults in order (default ${DEFAULT_FAULTS.join(',')})
                             known: ${FAULTS.map((f) => f.name).join(', ')}
  --instances 1|2            instances of each service (default 1), all under the system's supervisor
  --brokers 1|3              Kafka nodes (default 1); 3 for kill-one-broker
  --concurrency C            lifecycles in flight at once (default 4)
  --broker-down-seconds S    broker-down: how long the broker stays stopped (default 60)
  --broker-dead-seconds S    kill-broker, kill-one-broker: how long it stays dead before a restart (default 20)
  --pause-seconds S          pause-<service>: SIGSTOP duration, above the 10 s session timeout (default 20)
  --join-seconds S           join-leave: how long the second instances serve (default 20)
  --recovery-seconds S       how long the system may take to converge by itself (default 120)
  --port-base P              ports of the run: P+1.. services, P+300 Kafka, P+310 FerretDB (default 12000 + MOTCUA_E2E_PORT_SHIFT)
  --sources                  run the services from their sources (tsx) instead of building them first and
                             running the compiled bundles as ./motcua up does (a cold start several times faster)
  --no-rebuild               skip the rebuild comparison after each fault
  --json FILE                also write the report as JSON`;

function options() {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      dossiers: { type: 'string', default: '60' },
      faults: { type: 'string', default: DEFAULT_FAULTS.join(',') },
      instances: { type: 'string', default: '1' },
      brokers: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '4' },
      'broker-down-seconds': { type: 'string', default: '60' },
      'broker-dead-seconds': { type: 'string', default: '20' },
      'pause-seconds': { type: 'string', default: '20' },
      'join-seconds': { type: 'string', default: '20' },
      'recovery-seconds': { type: 'string', default: '120' },
      'port-base': { type: 'string' },
      'no-rebuild': { type: 'boolean', default: false },
      sources: { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  const faults = values.faults
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  faultsNamed(faults); // an unknown name is refused before anything starts
  return {
    dossiers: int('dossiers', values.dossiers, 1),
    faults,
    instances: int('instances', values.instances, 1, 2),
    brokers: brokersOf(values.brokers),
    concurrency: int('concurrency', values.concurrency, 1, 64),
    brokerDownSeconds: int('broker-down-seconds', values['broker-down-seconds'], 1),
    brokerDeadSeconds: int('broker-dead-seconds', values['broker-dead-seconds'], 0),
    pauseSeconds: int('pause-seconds', values['pause-seconds'], 1),
    joinSeconds: int('join-seconds', values['join-seconds'], 1),
    recoverySeconds: int('recovery-seconds', values['recovery-seconds'], 10),
    portBase: values['port-base'] ? int('port-base', values['port-base'], 1024, 64_000) : e2ePort(12_000),
    rebuild: !values['no-rebuild'],
    compiled: !values.sources,
    json: values.json,
  };
}

function brokersOf(raw: string): 1 | 3 {
  if (raw === '1' || raw === '3') return Number(raw) as 1 | 3;
  throw new Error(`--brokers must be 1 or 3, got "${raw}"`);
}

let settings: ReturnType<typeof options>;
try {
  settings = options();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
const { json, ...chaos } = settings;
if (chaos.compiled) {
  // the same bundles `./motcua up` runs; the build's output goes to stderr, the report stays alone on stdout
  const build = spawnSync('pnpm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('pnpm build failed; fix it or run with --sources\n');
    process.exit(2);
  }
}
const report = await runChaos({
  ...chaos,
  // the dedicated servers' homes are named after it: two runs at once must not share them
  name: `cli-${chaos.portBase}`,
  log: (line) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`),
});
process.stdout.write(`${renderReport(report)}\n`);
if (json) writeFileSync(json, JSON.stringify(report, null, 2));
process.exit(report.pass ? 0 : 1);
