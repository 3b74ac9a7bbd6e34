import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { topicNames } from '@motcua/kafka';
import { REPO_ROOT } from '@motcua/testing';
import type { Kafka } from 'kafkajs';
import { type CommandCount, commandsBetween, readCommandCounters } from '../lib/mongo-commands.js';
import type { Db } from '../lib/mongodb.js';
import { commandLine, cpuSeconds, descendants, pidFromFile, rssMb } from '../lib/rss.js';
import { measure, now, type StageResult, stage } from '../lib/stats.js';
import { BENCH_COUNTER, login, reception, WARM_UP_COUNTER } from './commands-http.js';

// `pnpm bench system`: the system as `./motcua up` runs it (compiled services, the web consoles, the
// demo data), on the running local infra: how long a warm `up` takes to be ready, every process's
// RSS idle and under load, command latency at a steady rate and the board's lag behind it.

export interface SystemRun {
  kafka: Kafka;
  /** The bench's own database on the same server: the machine's write speed, beside the figures. */
  db: Db;
  namespace: string;
  dbPrefix: string;
  /** receptions per second, open loop */
  rate: number;
  /** seconds of load */
  duration: number;
  /**
   * Whether the board is watched during the load (a timeline probe a second, II.06a asked a second
   * after each answer) to measure its lag. Off: only the commands, the board asked every 5 s until it
   * counts every reception (the window the command and CPU figures cover).
   */
  probes: boolean;
  /**
   * Seconds between an II.06a answer and the next ask (at least 0.25). An answer reads the day's
   * index and the facts that moved since the last (ADR 0020); before that, every fact of the day.
   */
  reportEvery: number;
  log: (msg: string) => void;
}

export interface SystemFigures {
  stages: StageResult[];
  rss: { idle: RssRow[]; load: RssRow[] };
  /** Mongo commands per service and collection from the load's start until the board caught up. */
  commands: CommandCount[];
  receptions: number;
  /** CPU seconds each process used over the same window (`window` seconds of wall time). */
  cpu: { window: number; used: { process: string; seconds: number }[] };
}
export interface RssRow {
  process: string;
  mb: number;
}

const HOME = process.env.MOTCUA_HOME ?? join(REPO_ROOT, '.motcua');
const BLOCK = 1_000;
const CENTER = BENCH_COUNTER.centerId;
/**
 * Seconds of load at another center right after `up`: the JVM and V8 compile their hot paths in
 * the first half-minute, and the measured center's day is to start with warm processes (it runs
 * for days in service). That half-minute is printed as its own figure.
 */
const WARM_UP_SECONDS = 30;
const WARM_UP_QUIET_SECONDS = 5;
/** The law's 4-digit daily sequence is spent: the 10,000th reception of a center's day is refused. */
const DAY_FULL = 'DOSSIER_CODES_EXHAUSTED';
class DayFull extends Error {}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a process of the tree is, from its command line. */
function nameOf(pid: number): string {
  const cmd = commandLine(pid);
  const service = /services\/([a-z]+)\/(build\/main\.js|src\/main\.ts)/.exec(cmd)?.[1];
  if (service) return service;
  if (cmd.includes('demo.ts')) return 'launcher: demo.ts (node, tsx loader)';
  if (/\bpnpm\b/.test(cmd)) return 'launcher: pnpm';
  if (cmd.includes('tsx')) return 'launcher: tsx';
  if (cmd.includes('motcua')) return 'launcher: ./motcua';
  return `other: ${cmd.slice(0, 40)}`;
}

/** RSS of the system: the servers (Kafka, FerretDB), then every process `up` started. */
function snapshot(root: number, measure: (pid: number) => number | undefined = rssMb): RssRow[] {
  const rows: RssRow[] = [];
  const add = (name: string, pid: number | undefined) => {
    const mb = pid === undefined ? undefined : measure(pid);
    if (mb !== undefined) rows.push({ process: name, mb });
  };
  add('kafka (JVM)', pidFromFile(join(HOME, 'kafka/kafka.pid')));
  add('ferretdb', pidFromFile(join(HOME, 'ferretdb/ferretdb.pid')));
  // `./motcua up` execs the launcher itself (before: bash, then pnpm, then tsx, then the launcher)
  add(nameOf(root), root);
  for (const pid of descendants(root)) add(nameOf(pid), pid);
  return rows;
}

/** Per process the largest RSS of the samples; `total` rows sum one sample each (the largest). */
function summarise(samples: RssRow[][]): RssRow[] {
  const max = new Map<string, number>();
  for (const sample of samples)
    for (const r of sample) max.set(r.process, Math.max(max.get(r.process) ?? 0, r.mb));
  const total = (keep: (p: string) => boolean) =>
    Math.max(0, ...samples.map((s) => s.filter((r) => keep(r.process)).reduce((a, r) => a + r.mb, 0)));
  const rows = [...max].map(([process, mb]) => ({ process, mb }));
  rows.sort((a, b) => Number(a.process.startsWith('launcher')) - Number(b.process.startsWith('launcher')));
  return [
    ...rows,
    { process: 'total: services, web, Kafka, FerretDB', mb: total((p) => !p.startsWith('launcher')) },
    { process: 'total with the launcher', mb: total(() => true) },
  ];
}

/** Starts `./motcua up` in its own process group and resolves once it printed its addresses. */
async function startUp(
  run: SystemRun,
): Promise<{ child: ChildProcess; urls: Map<string, string>; ms: number; phases: string }> {
  const started = now();
  const child = spawn(join(REPO_ROOT, 'motcua'), ['up'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOTCUA_DB_PREFIX: run.dbPrefix, MOTCUA_NAMESPACE: run.namespace },
  });
  const urls = new Map<string, string>();
  let output = '';
  // when `up` had built, and began to start the services and the web consoles, from its output
  const marks: [string, RegExp][] = [
    ['built', /^\[build\]/m],
    ['services', /starting the five services/],
    ['web', /starting the web consoles/],
  ];
  const phases: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const onLine = (text: string) => {
      output += text;
      for (const [name, re] of marks) {
        if (re.test(text) && !phases.some((p) => p.startsWith(name)))
          phases.push(`${name} at ${((now() - started) / 1000).toFixed(1)} s`);
      }
      for (const m of text.matchAll(/^\s+(\w+) API \(Swagger UI\)\s+(\S+)\/docs$/gm)) urls.set(m[1]!, m[2]!);
      if (text.includes('motcua is running')) {
        clearTimeout(limit);
        resolve();
      }
    };
    const limit = setTimeout(
      () => reject(new Error(`./motcua up not ready within 5 minutes:\n${output.slice(-2000)}`)),
      300_000,
    );
    child.once('exit', () => clearTimeout(limit));
    child.stdout?.on('data', (b: Buffer) => onLine(b.toString()));
    child.stderr?.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.once('exit', (code) => reject(new Error(`./motcua up exited (${code}):\n${output.slice(-2000)}`)));
  }).catch(async (err) => {
    await stopUp(child);
    throw err;
  });
  // the rest of the banner (the addresses come after the line above)
  await sleep(500);
  return { child, urls, ms: now() - started, phases: phases.join(', ') };
}

async function stopUp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGINT');
  const late = await Promise.race([exited.then(() => false), sleep(20_000).then(() => true)]);
  if (late) process.kill(-child.pid, 'SIGKILL');
}

/** The day of Vietnam's calendar now, and the next one, as the reports take them. */
function todayInVietnam(): { from: string; to: string } {
  const day = (t: number) => new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
  return { from: day(Date.now()), to: day(Date.now() + 86_400_000) };
}

async function lifecycleEnd(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, o) => sum + Number(o.high), 0);
  } finally {
    await admin.disconnect();
  }
}

export async function runSystem(run: SystemRun): Promise<SystemFigures> {
  run.log('./motcua up (warm: infra running, dependencies installed) …');
  const { child, urls, ms: readyMs, phases } = await startUp(run);
  const root = child.pid as number;
  try {
    const intake = urls.get('intake');
    const monitoring = urls.get('monitoring');
    if (!intake || !monitoring) throw new Error(`./motcua up printed no intake/monitoring address`);
    run.log(`ready in ${(readyMs / 1000).toFixed(1)} s; idle for 20 s, then RSS`);
    await sleep(20_000);
    const idle: RssRow[][] = [];
    for (let i = 0; i < 5; i++) {
      idle.push(snapshot(root));
      await sleep(2_000);
    }

    const counter = await login(intake);
    const warmCounter = await login(intake, WARM_UP_COUNTER.username);
    const board = await login(intake, 'board');
    const topic = topicNames(run.namespace).lifecycle;
    const { from, to } = todayInVietnam();
    const ii06a = async () => {
      const r = await fetch(`${monitoring}/reports/ii06a?from=${from}&to=${to}&centerId=${CENTER}`, {
        headers: board,
      });
      const body = (await r.json()) as { totals?: { received?: { total?: number } } };
      if (!r.ok) throw new Error(`GET /reports/ii06a: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body.totals?.received?.total ?? 0;
    };
    const ceiling: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = now();
      await fetch(`${intake}/health/live`);
      ceiling.push(now() - t);
    }

    // How fast this machine's server writes today, the system idle: runs on different days (or
    // machines) differ by this much before any code does.
    const scratch = run.db.collection<{ _id: string; at: Date }>('system_ceiling');
    const writes = await measure(
      '  ceiling: one client, insertOne on the same server, system idle',
      1_000,
      1,
      (i) => scratch.insertOne({ _id: `w${i}`, at: new Date() }),
    );

    const receive = async (at = counter): Promise<string> => {
      const r = await fetch(`${intake}/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...at },
        body: JSON.stringify(reception()),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await r.json()) as { dossier?: { dossierId?: string }; error?: { code?: string } };
      if (r.status === 409 && body.error?.code === DAY_FULL) throw new DayFull();
      if (r.status !== 201 || !body.dossier?.dossierId) throw new Error(`POST /dossiers: ${r.status}`);
      return body.dossier.dossierId;
    };
    // Warm-up at another center, at the load's rate, printed apart: the first receptions after a
    // start are the processes compiling their paths, not the cost of the measured center's day.
    const warmUp = Math.round(run.rate * WARM_UP_SECONDS);
    run.log(
      `warm-up: ${warmUp} receptions at ${run.rate}/s at ${WARM_UP_COUNTER.centerId}; then ${WARM_UP_QUIET_SECONDS} s quiet`,
    );
    const warmStart = now();
    const warming: Promise<number>[] = [];
    for (let i = 0; i < warmUp; i++) {
      const wait = warmStart + (i * 1000) / run.rate - now();
      if (wait > 0) await sleep(wait);
      const t = now();
      warming.push(receive(warmCounter).then(() => now() - t));
    }
    const warmLatencies = await Promise.all(warming);
    const warmSeconds = (now() - warmStart) / 1000;
    await sleep(WARM_UP_QUIET_SECONDS * 1000);

    const baseCount = await ii06a();
    const commandsBefore = await readCommandCounters(urls);
    const cpuBefore = snapshot(root, cpuSeconds);
    const ownCpuBefore = process.cpuUsage();
    const cpuFrom = now();
    const eventsBefore = await lifecycleEnd(run.kafka, topic);
    const total = Math.round(run.rate * run.duration);
    // about one timeline probe a second, asked every 250 ms: the probes' reads stay a small share of
    // what the shared server does for the load itself
    const sampleEvery = run.probes ? Math.max(1, Math.round(run.rate)) : Number.POSITIVE_INFINITY;
    const latencies: number[][] = [];
    const accepted: number[] = [];
    const timelineLags: number[] = [];
    let failed = 0;
    let dayFull = 0;
    let unseen = 0;
    const probes: Promise<void>[] = [];
    const loadSamples: RssRow[][] = [];
    let loading = true;
    const sampler = (async () => {
      while (loading) {
        loadSamples.push(snapshot(root));
        await sleep(2_000);
      }
    })();
    const counts: { at: number; count: number }[] = [];
    let polling = true;
    let loadSent = false;
    // II.06a, asked again a second after it answered: when the count reached each number of receptions
    const poller = (async () => {
      while (polling) {
        if (run.probes || loadSent) {
          const count = await ii06a().catch(() => undefined);
          if (count !== undefined) counts.push({ at: now(), count: count - baseCount });
        }
        await sleep(run.probes ? run.reportEvery * 1_000 : 5_000);
      }
    })();

    const probeTimeline = async (ref: string, acceptedAt: number) => {
      const deadline = acceptedAt + 120_000;
      while (now() < deadline) {
        const r = await fetch(`${monitoring}/dossiers/${encodeURIComponent(ref)}/timeline`, {
          headers: board,
        });
        await r.arrayBuffer();
        if (r.status === 200) {
          timelineLags.push(now() - acceptedAt);
          return;
        }
        await sleep(250);
      }
      unseen++;
    };

    run.log(`load: ${total} receptions at ${run.rate}/s (${run.duration} s) at ${CENTER}`);
    // The latencies are taken in this process: a callback it runs late adds to every answer it times.
    const ownLoop = monitorEventLoopDelay({ resolution: 10 });
    ownLoop.enable();
    const start = now();
    const startedAt = Date.now();
    const all: Promise<void>[] = [];
    // [sent at, answered after] in ms per accepted reception, for MOTCUA_BENCH_TRACE (where the slow ones fall)
    const trace: [number, number][] = [];
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / run.rate - now();
      if (wait > 0) await sleep(wait);
      const t = now();
      all.push(
        (async () => {
          try {
            const dossierId = await receive();
            const done = now();
            const block = Math.floor(i / BLOCK);
            latencies[block] ??= [];
            latencies[block].push(done - t);
            trace.push([Math.round(t - start), Math.round(done - t)]);
            accepted.push(done);
            if (i % sampleEvery === 0) probes.push(probeTimeline(dossierId, done));
          } catch (err) {
            if (err instanceof DayFull) dayFull++;
            else failed++;
          }
        })(),
      );
    }
    await Promise.all(all);
    ownLoop.disable();
    loadSent = true;
    if (process.env.MOTCUA_BENCH_TRACE)
      writeFileSync(process.env.MOTCUA_BENCH_TRACE, JSON.stringify({ startedAt, trace }));
    const loadSeconds = (now() - start) / 1000;
    const eventsDuring = (await lifecycleEnd(run.kafka, topic)) - eventsBefore;
    run.log(`load sent in ${loadSeconds.toFixed(1)} s; waiting for the board to show every reception`);
    await Promise.all(probes);
    const caughtUp = now() + 120_000;
    while (now() < caughtUp && (counts[counts.length - 1]?.count ?? 0) < accepted.length) await sleep(500);
    polling = false;
    loading = false;
    await Promise.all([poller, sampler]);
    const commands = commandsBetween(commandsBefore, await readCommandCounters(urls));
    const cpuUsed = new Map(cpuBefore.map((r) => [r.process, r.mb]));
    const cpu = snapshot(root, cpuSeconds)
      .filter((r) => !r.process.startsWith('launcher'))
      .map((r) => ({ process: r.process, seconds: r.mb - (cpuUsed.get(r.process) ?? 0) }));
    const ownCpu = process.cpuUsage(ownCpuBefore);
    cpu.push({ process: 'bench (this process)', seconds: (ownCpu.user + ownCpu.system) / 1e6 });
    const cpuWindow = (now() - cpuFrom) / 1000;

    // The k-th reception accepted (in time order) is in II.06a once the count first reached k.
    accepted.sort((a, b) => a - b);
    const reportLags: number[] = [];
    let c = 0;
    for (let k = 0; k < accepted.length; k++) {
      while (c < counts.length && counts[c]!.count < k + 1) c++;
      const seen = counts[c];
      if (seen) reportLags.push(Math.max(0, seen.at - accepted[k]!));
    }
    const rows = latencies.map((block, b) =>
      stage(
        `  dossiers ${(b * BLOCK + 1).toLocaleString('en')}–${Math.min((b + 1) * BLOCK, total).toLocaleString('en')}`,
        block.length,
        undefined,
        block,
      ),
    );
    const eventsPerSecond = eventsDuring / loadSeconds;
    const boardRows = run.probes
      ? [
          stage(
            'board lag: accepted → in monitoring timeline',
            timelineLags.length,
            undefined,
            timelineLags,
            `one reception in ${sampleEvery}, timeline asked every 250 ms` +
              (unseen ? `; ${unseen} not visible within 120 s` : ''),
          ),
          stage(
            'board lag: accepted → counted in II.06a',
            reportLags.length,
            undefined,
            reportLags,
            `report asked again ${run.reportEvery} s after each answer (${counts.length} answers; each reads the day's index, and the facts that moved since it last read them); ` +
              `lag to the answer that first counted it` +
              (reportLags.length < accepted.length
                ? `; ${accepted.length - reportLags.length} never counted`
                : ''),
          ),
        ]
      : [];
    return {
      stages: [
        stage(
          'warm ./motcua up: started → addresses printed',
          1,
          readyMs / 1000,
          undefined,
          `install check, build, five services, web consoles, demo data; infra already running (${phases}, then the demo data)`,
        ),
        stage(
          `  before it, right after up: ${WARM_UP_SECONDS} s at another center`,
          warmLatencies.length,
          warmSeconds,
          warmLatencies,
          `warm-up at ${WARM_UP_COUNTER.centerId}, not in the figures below: the processes' first receptions after a start`,
        ),
        stage(
          `commands over HTTP: POST /dossiers at ${run.rate}/s, one center`,
          accepted.length,
          loadSeconds,
          latencies.flat(),
          `the center's day had ${baseCount} receptions before the load, ${warmUp} at another center right before it; ${eventsDuring} events on the log meanwhile (${eventsPerSecond.toFixed(1)}/s); ` +
            `the bench's own event loop ran a callback late by p99 ${(ownLoop.percentile(99) / 1e6).toFixed(1)} ms, at most ${(ownLoop.max / 1e6).toFixed(1)} ms` +
            (failed ? `; ${failed} receptions failed or timed out (30 s)` : '') +
            (dayFull
              ? `; ${dayFull} refused with ${DAY_FULL}: the center had given the 9,999 codes its day's 4-digit sequence can write`
              : ''),
        ),
        ...rows,
        stage('  ceiling: HTTP round trip to intake (GET /health/live)', ceiling.length, undefined, ceiling),
        writes,
        ...boardRows,
      ],
      rss: { idle: summarise(idle), load: summarise(loadSamples) },
      commands,
      receptions: accepted.length,
      cpu: { window: cpuWindow, used: cpu },
    };
  } finally {
    await stopUp(child);
  }
}

export function renderRss(rss: SystemFigures['rss']): string[] {
  const load = new Map(rss.load.map((r) => [r.process, r.mb]));
  const width = Math.max(7, ...rss.idle.map((r) => r.process.length));
  return [
    `${'process'.padEnd(width)}  idle MB  under load MB (max)`,
    `${'-'.repeat(width)}  -------  -------------------`,
    ...rss.idle.map(
      (r) =>
        `${r.process.padEnd(width)}  ${r.mb.toFixed(0).padStart(7)}  ${(load.get(r.process)?.toFixed(0) ?? '').padStart(19)}`,
    ),
  ];
}

export function renderCpu(cpu: SystemFigures['cpu'], cores: number): string[] {
  const total = cpu.used.reduce((a, r) => a + r.seconds, 0);
  const rows = [...cpu.used].sort((a, b) => b.seconds - a.seconds);
  return [
    `CPU over the same window (${cpu.window.toFixed(0)} s of wall time, ${(cpu.window * cores).toFixed(0)} s on ${cores} cores): ${total.toFixed(1)} s used`,
    `  ${rows.map((r) => `${r.process} ${r.seconds.toFixed(1)}`).join(', ')}`,
  ];
}
