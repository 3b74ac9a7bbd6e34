// The whole system for a person to try: local infra, an SMTP sink with a mail viewer, the five
// services as separate processes, the web consoles in front of them, demo dossiers, and the addresses
// to open. Ctrl-C stops it.
// Run through `./motcua up`.
import { createServer } from 'node:http';
import { join } from 'node:path';
import {
  ensureInfra,
  LaunchParts,
  REPO_ROOT,
  type ReceivedMail,
  SERVICES,
  startSmtpSink,
  startSystem,
  startWeb,
} from '../../packages/testing/src/index.js';
import { DEMO_USERS } from '../../services/intake/src/adapters/user-repository.js';
import { DEMO_PASSWORD, seedDemoData } from './demo-data.js';

const env = process.env;
const base = Number(env.MOTCUA_BASE_PORT ?? 7100);
const mailPort = Number(env.MOTCUA_MAIL_PORT ?? 8025);

// Ctrl-C at any moment, the start included, stops what started (the infra keeps running).
const parts = new LaunchParts();
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\n[demo] stopping…');
  await parts.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

const infra = await parts.start(ensureInfra(), () => {});
const mails: ReceivedMail[] = [];
const smtp = await parts.start(
  startSmtpSink({ port: Number(env.MOTCUA_SMTP_PORT ?? 2525), onMail: (m) => mails.push(m) }),
  (sink) => sink.stop(),
);
const mailViewer = createServer((_req, res) => {
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(mails.slice().reverse(), null, 2));
}).listen(mailPort, '127.0.0.1');
parts.started(() => void mailViewer.close());

// Supervised: a service that exits unexpectedly is started again with backoff, and the console says so.
const onSupervisorLine = (line: string) => console.log(`[up] ${line}`);
console.log('[demo] starting the five services…');
const system = await parts.start(
  startSystem({
    supervise: true,
    compiled: true, // production-shaped: the bundles `pnpm build` made (ADR 0005)
    prioritise: true, // the counter's services first when the CPU is short (SERVICE_NICENESS)
    onSupervisorLine,
    kafkaBrokers: infra.kafkaBrokers,
    mongoUrl: infra.mongoUrl,
    smtpUrl: smtp.url,
    basePort: base,
    mongoDbPrefix: env.MOTCUA_DB_PREFIX ?? 'motcua',
    namespace: env.MOTCUA_NAMESPACE ?? '',
    logDir: join(REPO_ROOT, '.motcua/logs/services'),
  }),
  (started) => started.stop(),
);
console.log('[demo] starting the web consoles (building the app on first start)…');
const web = await parts.start(
  startWeb({
    system,
    port: base,
    logDir: join(REPO_ROOT, '.motcua/logs/services'),
    supervise: true,
    compiled: true, // production-shaped: the bundles `pnpm build` made (ADR 0005)
    onSupervisorLine,
  }),
  (started) => started.stop(),
);
const demo = await parts.start(seedDemoData(system.http), () => {});

const line = (label: string, url: string) => console.log(`  ${label.padEnd(34)} ${url}`);
console.log(
  '\nDEVELOPMENT MODE (MOTCUA_DEV_MODE=true): published secrets and demo accounts, for trying on this machine\n' +
    'only. A deployment sets MOTCUA_JWT_SECRET and INTAKE_LOOKUP_SECRET and leaves it off (docs/security.md).',
);
console.log('\nmotcua is running. Open:');
line('THE WEB CONSOLES', `${web.url}/`);
line('  applicant portal (no login)', `${web.url}/applicant`);
line('  counter (log in as counter.ancuu)', `${web.url}/counter`);
line('  department (officer.kt.ancuu, officer.stc.city, …)', `${web.url}/department`);
line('  supervision board (board)', `${web.url}/board`);
for (const service of SERVICES) line(`${service} API (Swagger UI)`, `${system.http[service]}/docs`);
line('mail sent to applicants (JSON)', `http://127.0.0.1:${mailPort}/`);
console.log('\nDemo data:');
for (const d of demo) {
  console.log(`  ${d.dossierCode}  (${d.status})  look-up key ${d.lookupKey}`);
  line(
    '    follow it as its applicant',
    `${web.url}/applicant/lookup?code=${encodeURIComponent(d.dossierCode)}`,
  );
  line(
    '    its timeline (monitoring, as board)',
    `${system.http.monitoring}/dossiers/${d.dossierCode}/timeline`,
  );
}
// Where each role lands in the web consoles (services/web/src/client/consoles/registry.ts).
const CONSOLE_OF: Record<string, string> = {
  counter_officer: '/counter',
  department_officer: '/department',
  department_head: '/department',
  district_leader: '/department',
  center_admin: '/board',
  supervision_board: '/board',
  system_admin: '/board',
};
console.log(
  `\nHow to log in: open ${web.url}/login with a user below and the password "${DEMO_PASSWORD}"\n` +
    '(set MOTCUA_DEMO_PASSWORD before the first start to change it). Applicants need no account: the\n' +
    `portal's look-up takes a dossier code and its look-up key (above).`,
);
for (const u of DEMO_USERS) {
  const scope = [u.centerId, u.departmentId].filter(Boolean).join(' / ');
  const opens = CONSOLE_OF[u.role] ? `${web.url}${CONSOLE_OF[u.role]}` : '';
  console.log(`  ${u._id.padEnd(18)} ${u.role.padEnd(20)} ${scope.padEnd(32)} ${opens}`);
}
console.log(
  `\nTry:\n  TOKEN=$(curl -s ${system.http.intake}/auth/login -H 'content-type: application/json' \\\n` +
    `      -d '{"username":"officer.stc.city","password":"${DEMO_PASSWORD}"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\\1/')\n` +
    `  curl -H "authorization: Bearer $TOKEN" ${system.http.department}/departments/hue-pasc.finance-planning/queue\n` +
    'Tokens last 15 minutes; every service checks them (README, ADR 0008).\n' +
    `Logs: ${join(REPO_ROOT, '.motcua/logs')}. A service that exits is restarted at once (then 1 s … 30 s apart while it keeps crashing).\nPress Ctrl-C to stop the services (infra keeps running: ./motcua infra stop).`,
);
