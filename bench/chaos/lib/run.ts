// A chaos run: one cluster, a steady load of lifecycles, one fault at a time. After each fault the run
// waits for the system to converge by itself (load finished, lag zero, every check green), measures how
// long that took, and only then — if it did not — heals it by hand (restarts every service) so that the
// next fault starts from a working system. The heal is reported: it is the manual action the system
// should not have needed. A killed service is restarted by the system's own supervisor (startSystem's,
// the one `./motcua up` uses), not by the run; its restarts are reported.
import type { ServiceName } from '@motcua/testing';
import { MongoClient } from '../../lib/mongodb.js';
import { caughtUp } from './caught-up.js';
import {
  boardComplete,
  type Check,
  commandsExactlyOnce,
  distinctEvents,
  lagIsZero,
  lifecyclesFinished,
  mailExactlyOnce,
  PUBLISHED_TWICE,
  publishedOnce,
  reactionsExactlyOnce,
} from './checks.js';
import { type Cluster, startCluster } from './cluster.js';
import { type FaultSettings, faultsNamed } from './faults.js';
import { Sessions, send } from './http.js';
import { KafkaView, type Lag, type LoggedEvent } from './kafka-view.js';
import { type DossierRun, LoadDriver } from './load.js';
import { runRebuild, verifiedOf } from './rebuild.js';

export interface ChaosOptions extends FaultSettings {
  dossiers: number;
  faults: string[];
  instances: number;
  /** The services' compiled bundles (`pnpm build`), as `./motcua up` runs them; default: their sources. */
  compiled?: boolean;
  /** Kafka nodes: 1, or 3 (`kill-one-broker`). */
  brokers: 1 | 3;
  concurrency: number;
  /** How long the system may take to converge by itself after a fault ends. */
  recoverySeconds: number;
  portBase: number;
  name: string;
  /** Compare the board's projections with a fresh rebuild after each fault. */
  rebuild: boolean;
  log?: (line: string) => void;
}

export interface FaultResult {
  fault: string;
  what: string;
  back: string;
  dossiers: number;
  /**
   * Seconds from the end of the fault until the whole batch was done (every lifecycle finished, lag zero,
   * every check green) by itself; undefined if it never was.
   */
  recoverySeconds?: number;
  /**
   * Seconds from the end of the fault until every instance answered ready and every consumer group had
   * consumed all the log held one poll (~1 s) earlier: caught up under the load still arriving, the
   * projections converged. Undefined if not seen within the recovery time. The target: ≤ 30 s.
   */
  caughtUpSeconds?: number;
  /** Consumer groups still behind when the recovery time ran out. */
  stalled: string[];
  /** What each stalled group's service instances said on `/health/ready` at that moment. */
  readinessAtStall: string[];
  /** Seconds until the faulty part answered again (a killed service: from the kill to ready). */
  readyAfterSeconds?: number;
  /** Every restart the system's supervisor made during the fault, per instance (the fault's own included). */
  supervisorRestarts: string[];
  /** Processes that exited by themselves (not the fault's own kill) and were restarted by the supervisor. */
  selfExits: string[];
  /** Manual actions the run had to take: 0, or 1 when it restarted every service by hand to go on. */
  manualActions: number;
  /** The run restarted every service by hand to go on. */
  healedByHand: boolean;
  checks: Check[];
  lost: number;
  duplicated: number;
  pass: boolean;
}

export interface ChaosReport {
  options: Omit<ChaosOptions, 'log'>;
  startedAt: string;
  seconds: number;
  results: FaultResult[];
  pass: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => {});
  const faults = faultsNamed(options.faults);
  const started = Date.now();
  log(
    `starting dedicated Kafka (${options.brokers} node(s)), FerretDB, SMTP sink and ${options.instances} supervised instance(s) of each service`,
  );
  const cluster = await startCluster({
    portBase: options.portBase,
    instances: options.instances,
    brokers: options.brokers,
    name: options.name,
    compiled: options.compiled === true,
  });
  log(`cluster up in ${((Date.now() - started) / 1000).toFixed(0)} s; logs in ${cluster.logDir}`);
  const results: FaultResult[] = [];
  try {
    const driver = new LoadDriver(endpointOf(cluster), options.concurrency);
    const view = new KafkaView(cluster.kafka.addresses, cluster.namespace);
    const board = new Sessions(() => cluster.primary('intake').http);
    const perFault = Math.max(3, Math.ceil(options.dossiers / faults.length));
    // projection documents a rebuild already found different: an earlier fault's damage, not this one's
    const differing = new Set<string>();
    for (const fault of faults) {
      const first = driver.runs.length;
      const restartsBefore = restartCount(cluster);
      driver.deadline = Number.MAX_SAFE_INTEGER;
      let settled = false;
      const driving = driver.drive(perFault).finally(() => {
        settled = true;
      });
      // the fault lands once a third of the batch is in: the rest arrives during and after it
      const target = driver.received() + Math.ceil(perFault / 3);
      while (!settled && driver.received() < target) await sleep(200);
      log(`${fault.name}: injecting with ${driver.received() - first} of ${perFault} dossiers received`);
      // a fault whose target never came back is a result (healed by hand below), not the end of the run
      const { endedAt: ended, ...outcome } = await fault.inject(cluster, options).catch((err: Error) => ({
        what: `${fault.name} (did not complete)`,
        back: `never came back: ${err.message.slice(0, 300)}`,
        endedAt: Date.now(),
      }));
      log(`${fault.name}: ${outcome.what}; ${outcome.back}`);
      const runs = () => driver.runs.slice(first);
      const judge = async () => judgeNow(cluster, view, board, driver, runs());

      // kill-one-broker counts from the kill: caught up while the node was still dead is the figure
      const whileDown = 'caughtUpWhileDownSeconds' in outcome ? outcome.caughtUpWhileDownSeconds : undefined;
      const catching =
        whileDown !== undefined
          ? Promise.resolve(whileDown)
          : caughtUp(cluster, view, ended, ended + options.recoverySeconds * 1000);
      const verdict = await converge(() => settled, judge, ended + options.recoverySeconds * 1000);
      const caughtUpSeconds = await catching;
      const recoverySeconds = verdict.converged ? (Date.now() - ended) / 1000 : undefined;
      const stalled = verdict.converged ? [] : stalledGroups(verdict.lag);
      const readinessAtStall = verdict.converged ? [] : await readinessOf(cluster, verdict.lag);
      let healedByHand = false;
      if (!verdict.converged) {
        log(
          `${fault.name}: not converged after ${options.recoverySeconds} s (${summary(verdict.checks)}); restarting every service by hand`,
        );
        healedByHand = true;
        // a heal that fails (a restarted service not ready in time on a starved host) is part of this
        // fault's result, not the end of the run
        await heal(cluster).catch((err: Error) => log(`${fault.name}: the heal failed: ${err.message}`));
        const healDeadline = Date.now() + options.recoverySeconds * 1000;
        const after = await converge(() => settled, judge, healDeadline);
        if (!after.converged) {
          driver.deadline = Date.now(); // let the stuck lifecycles give up, and judge what is left
          await driving;
        }
      }
      await driving;
      // the verdict of the fault: what was wrong when the system had to do it alone, plus anything still
      // wrong after the heal (a lost event stays lost)
      const final = await judge();
      const checks = mergeChecks(verdict.checks, final.checks);
      if (options.rebuild)
        checks.push(await rebuildCheck(cluster, `${results.length}-${fault.name}`, differing));
      const result: FaultResult = {
        fault: fault.name,
        ...outcome,
        dossiers: runs().length,
        ...(recoverySeconds !== undefined ? { recoverySeconds } : {}),
        ...(caughtUpSeconds !== undefined ? { caughtUpSeconds } : {}),
        stalled,
        readinessAtStall,
        supervisorRestarts: restartsSince(cluster, restartsBefore, ''),
        selfExits: restartsSince(cluster, restartsBefore, fault.name),
        manualActions: healedByHand ? 1 : 0,
        healedByHand,
        checks,
        lost: checks.reduce((n, c) => n + c.lost, 0),
        // doubled effects; an event published twice is its own column (consumers dedupe it)
        duplicated: checks.filter((c) => c !== published(checks)).reduce((n, c) => n + c.duplicated, 0),
        pass: !healedByHand && checks.every((c) => c.ok),
      };
      results.push(result);
      log(`${fault.name}: ${result.pass ? 'PASS' : 'FAIL'} (${summary(checks)})`);
    }
  } finally {
    await cluster.stop().catch((err: Error) => log(`stopping the cluster: ${err.message}`));
  }
  const { log: _log, ...shown } = options;
  return {
    options: shown,
    startedAt: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    results,
    pass: results.length === faults.length && results.every((r) => r.pass),
  };
}

interface Verdict {
  converged: boolean;
  checks: Check[];
  lag: Lag;
}

/**
 * Polls until the load is finished, every consumer caught up and every check green, or the deadline.
 * While the load still runs nothing is judged (a judgement reads the whole log); at the deadline the
 * system is judged as it stands.
 */
async function converge(
  settled: () => boolean,
  judge: () => Promise<Verdict>,
  deadline: number,
): Promise<Verdict> {
  for (;;) {
    const late = Date.now() > deadline;
    if (settled() || late) {
      const verdict = await judge().catch(
        (err: Error): Verdict => ({
          converged: false,
          checks: [
            {
              name: 'the log and the services answer',
              ok: false,
              lost: 0,
              duplicated: 0,
              detail: [err.message],
            },
          ],
          lag: {},
        }),
      );
      if (verdict.converged || late) return verdict;
    }
    await sleep(1_000);
  }
}

async function judgeNow(
  cluster: Cluster,
  view: KafkaView,
  board: Sessions,
  driver: LoadDriver,
  runs: DossierRun[],
): Promise<Verdict> {
  const lag = await view.lag();
  const logged = await view.readAll();
  const events = distinctEvents(logged);
  const ours = new Set(runs.map((r) => r.dossierId));
  const accepted = driver.accepted.filter((c) => ours.has(c.dossierId));
  const timelines = await timelinesOf(cluster, board, runs);
  const checks = [
    // a refused reception has no dossier: its run is unfinished, with the refusal as its error
    lifecyclesFinished(
      runs,
      driver.refused.filter((r) => ours.has(r.dossierId)).map((r) => r.why),
    ),
    publishedOnce(logged, ours),
    commandsExactlyOnce(events, accepted),
    reactionsExactlyOnce(events, runs),
    await mailCheck(cluster, events, runs),
    boardComplete(events, timelines),
    lagIsZero(lag),
  ];
  // converged: nothing missing any more and nobody behind; a duplicate never goes away by waiting, so
  // it fails the fault without holding up the convergence
  const converged = checks.every((c) => c.lost === 0 && (c.ok || c.duplicated > 0));
  return { converged, checks, lag };
}

/** The mail check, and when a mail is missing, notification's record of it (the reason, in the detail). */
async function mailCheck(cluster: Cluster, events: LoggedEvent[], runs: DossierRun[]): Promise<Check> {
  const mails = cluster.smtp.received;
  const first = mailExactlyOnce(events, runs, mails);
  if (first.lost === 0) return first;
  return mailExactlyOnce(events, runs, mails, await messageStatuses(cluster));
}

/** Notification's `messages`: status by id (`sent, unconfirmed` when so); empty while the server is down. */
async function messageStatuses(cluster: Cluster): Promise<Map<string, string>> {
  const client = new MongoClient(cluster.mongo.address, { serverSelectionTimeoutMS: 2_000 });
  try {
    const messages = client
      .db(`${cluster.dbPrefix}_notification`)
      .collection<{ _id: string; status: string; unconfirmed?: boolean }>('messages');
    const found = await messages.find({}, { projection: { status: 1, unconfirmed: 1 } }).toArray();
    return new Map(found.map((m) => [m._id, m.unconfirmed ? `${m.status}, unconfirmed` : m.status]));
  } catch {
    return new Map();
  } finally {
    await client.close();
  }
}

async function timelinesOf(
  cluster: Cluster,
  board: Sessions,
  runs: DossierRun[],
): Promise<Map<string, string[]>> {
  const deadline = () => Date.now() + 30_000;
  const headers = await board.as('board', deadline);
  const timelines = new Map<string, string[]>();
  for (const run of runs) {
    if (!run.dossierId) continue;
    const url = `${cluster.primary('monitoring').http}/dossiers/${run.dossierId}/timeline`;
    const t = await send('GET', url, undefined, headers, deadline);
    timelines.set(
      run.dossierId,
      t.status === 200 ? (t.body.entries ?? []).map((e: { eventId: string }) => e.eventId) : [],
    );
  }
  return timelines;
}

async function rebuildCheck(cluster: Cluster, id: string, differing: Set<string>): Promise<Check> {
  const name = "the board's projections equal a fresh rebuild";
  try {
    const lines = await runRebuild(
      {
        namespace: cluster.namespace,
        monitoringDb: `${cluster.dbPrefix}_monitoring`,
        routingGrpc: cluster.primary('routing').grpc,
        env: {
          KAFKA_BROKERS: cluster.kafka.addresses.join(','),
          MONGO_URL: cluster.mongo.address,
          // the services of the run use the development secrets (startSystem); so does their rebuild
          MOTCUA_DEV_MODE: 'true',
        },
      },
      // the rebuild takes ids of up to 40 letters, digits, _ and -
      id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40),
    );
    const verified = verifiedOf(lines);
    const differences = (verified?.collections ?? []).flatMap((c) => [
      ...c.missing.map((m) => `${c.collection}: only live ${m}`),
      ...c.extra.map((m) => `${c.collection}: only rebuilt ${m}`),
      ...c.different.map((d) => `${c.collection}: differs ${d._id}`),
    ]);
    const fresh = differences.filter((d) => !differing.has(d));
    const carried = differences.length - fresh.length;
    for (const d of differences) differing.add(d);
    if (verified && differences.length > 0 && fresh.length === 0) {
      return {
        name,
        ok: true,
        lost: 0,
        duplicated: 0,
        detail: [`${carried} difference(s) left by an earlier fault, none new`],
      };
    }
    const ok = verified?.equal === true && verified.digestMismatches.length === 0;
    return {
      name,
      ok,
      lost: 0,
      duplicated: 0,
      detail: ok ? [] : fresh.length ? fresh.slice(0, 20) : ['no verification'],
    };
  } catch (err) {
    return { name, ok: false, lost: 0, duplicated: 0, detail: [(err as Error).message.slice(0, 500)] };
  }
}

/** The worse of two judgements of the same check: a problem seen before the heal still counts. */
function mergeChecks(before: Check[], after: Check[]): Check[] {
  return after.map((a) => {
    const b = before.find((x) => x.name === a.name);
    if (!b || b.ok) return a;
    return {
      ...a,
      ok: false,
      lost: Math.max(a.lost, b.lost),
      duplicated: Math.max(a.duplicated, b.duplicated),
      detail: a.ok ? b.detail.map((d) => `before the heal: ${d}`) : a.detail,
    };
  });
}

const stalledGroups = (lag: Lag) =>
  Object.entries(lag)
    .filter(([, n]) => n > 0)
    .map(([group, n]) => `${group} (${n})`);

/** Whether the services of the stalled groups admit it: a stalled consumer should make them not ready. */
async function readinessOf(cluster: Cluster, lag: Lag): Promise<string[]> {
  const stalledServices = new Set(
    Object.entries(lag)
      .filter(([, n]) => n > 0)
      .map(([group]) => group.split('.')[0]),
  );
  const handles = cluster.handles().filter((h) => stalledServices.has(h.service));
  return Promise.all(handles.map(async (h) => `${h.name} ${(await h.ready()) ? 'ready' : 'not ready'}`));
}

const summary = (checks: Check[]) => {
  const failed = checks.filter((c) => !c.ok).map((c) => c.name);
  return failed.length ? `failed: ${failed.join('; ')}` : 'all checks green';
};

/** Restarts every service process, as an operator would when the system does not recover. */
async function heal(cluster: Cluster): Promise<void> {
  await cluster.restartAll();
}

const published = (checks: Check[]) => checks.find((c) => c.name === PUBLISHED_TWICE);

const restartCount = (cluster: Cluster) => new Map(cluster.handles().map((h) => [h.name, h.restarts()]));

/** Supervisor restarts since `before`, less the fault's own kill of its target when `fault` names it. */
function restartsSince(cluster: Cluster, before: Map<string, number>, fault: string): string[] {
  return cluster.handles().flatMap((h) => {
    const own = fault.split('+').includes(`kill-${h.service}`) && h.index === 0 ? 1 : 0;
    const n = h.restarts() - (before.get(h.name) ?? 0) - own;
    return n > 0 ? [`${h.name} ×${n}`] : [];
  });
}

/** Any running instance of the service; the first instance's address while none runs. */
function endpointOf(cluster: Cluster) {
  return (service: ServiceName) => {
    const running = cluster.handles().filter((h) => h.service === service && h.pid() !== undefined);
    const pick = running[Math.floor(Math.random() * running.length)] ?? cluster.primary(service);
    return pick.http;
  };
}
