import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { REPO_ROOT, startSmtpSink, startSystem } from '@motcua/testing';
import { now, type StageResult, stage } from '../lib/stats.js';

export interface HttpRun {
  brokers: string[];
  mongoUrl: string;
  namespace: string;
  dbPrefix: string;
  receptions: number;
  rate: number;
  log: (msg: string) => void;
}

const PASSWORD = process.env.MOTCUA_DEMO_PASSWORD || 'motcua-demo';
const BLOCK = 1_000;
const MAX_IN_FLIGHT = 400;

// Applicants as a counter meets them: surnames about as common as in Vietnam (Nguyễn ~4 in 10), so
// common full names recur while ID numbers never do (one person is not received 20 times a second).
const SURNAMES = [
  ...Array<string>(38).fill('Nguyễn'),
  ...Array<string>(11).fill('Trần'),
  ...Array<string>(10).fill('Lê'),
  ...Array<string>(7).fill('Phạm'),
  ...Array<string>(5).fill('Hoàng'),
  ...Array<string>(5).fill('Phan'),
  ...Array<string>(4).fill('Võ'),
  ...[
    'Đặng',
    'Đặng',
    'Bùi',
    'Bùi',
    'Đỗ',
    'Hồ',
    'Ngô',
    'Dương',
    'Lý',
    'Huỳnh',
    'Trương',
    'Đinh',
    'Lâm',
    'Mai',
    'Tôn',
    'Cao',
    'Châu',
    'Hà',
    'Lưu',
    'Từ',
  ],
];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quang', 'Hữu', 'Thu', 'Xuân', 'Hoài', 'Công'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hiếu',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
];
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
let received = 0;

export const reception = () => ({
  commandId: randomUUID(),
  procedureCode: '2.000575',
  applicant: {
    fullName: `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
    // Thừa Thiên Huế (046), born in the 1900s, then a number of the bench's own
    idNumber: `0461${String(60 + (received % 40)).padStart(2, '0')}${String(++received).padStart(6, '0')}`,
    email: 'bench@example.invalid',
  },
  documents: [
    { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 },
    {
      name: 'Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)',
      original: false,
      count: 1,
    },
  ],
  checklist: [{ documentName: 'Giấy đề nghị đăng ký hộ kinh doanh', required: true, provided: true }],
  guidance: 'Đã hướng dẫn thành phần hồ sơ',
});

/**
 * The five services running as separate processes on the bench's servers; one center's counter
 * receives dossiers over HTTP (`POST /dossiers`) at a steady rate, open loop (a slow answer does
 * not slow the arrivals). Latency per 1,000 dossiers of the center's day shows whether a
 * reception's cost grows with the history; the ceiling beside it is an HTTP round trip to the same
 * service in the same run.
 */
export async function runCommandsHttp(run: HttpRun): Promise<StageResult[]> {
  const smtp = await startSmtpSink();
  const system = await startSystem({
    kafkaBrokers: run.brokers,
    mongoUrl: run.mongoUrl,
    smtpUrl: smtp.url,
    basePort: 7_600,
    mongoDbPrefix: run.dbPrefix,
    namespace: run.namespace,
    logDir: join(REPO_ROOT, 'test-artifacts', `bench-${run.namespace}`),
    logLevel: 'warn',
  }).catch(async (err) => {
    await smtp.stop();
    throw err;
  });
  try {
    const intake = system.http.intake;
    let auth = await login(intake);
    const renew = setInterval(() => void login(intake).then((a) => (auth = a)), 300_000);
    try {
      const send = () =>
        fetch(`${intake}/dossiers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify(reception()),
          signal: AbortSignal.timeout(30_000),
        });
      // Warm-up outside the figures: connections, JIT, the services' first reads.
      for (let i = 0; i < 20; i++) await expectCreated(await send());

      const ceiling: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = now();
        await fetch(`${intake}/health/live`);
        ceiling.push(now() - t);
      }

      const samples: number[][] = [];
      let failed = 0;
      let inFlight = 0;
      const interval = 1000 / run.rate;
      const start = now();
      const all: Promise<void>[] = [];
      for (let i = 0; i < run.receptions; i++) {
        const wait = start + i * interval - now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        while (inFlight >= MAX_IN_FLIGHT) await new Promise((r) => setTimeout(r, 5));
        inFlight++;
        const t = now();
        all.push(
          send()
            .then(expectCreated)
            .then(() => {
              const block = Math.floor(i / BLOCK);
              samples[block] ??= [];
              samples[block].push(now() - t);
            })
            .catch(() => {
              failed++;
            })
            .finally(() => {
              inFlight--;
            }),
        );
        if ((i + 1) % BLOCK === 0) run.log(`  ${i + 1} receptions sent`);
      }
      await Promise.all(all);
      const seconds = (now() - start) / 1000;
      const rows = samples.map((block, b) =>
        stage(
          `  dossiers ${(b * BLOCK + 1).toLocaleString('en')}–${Math.min((b + 1) * BLOCK, run.receptions).toLocaleString('en')}`,
          block.length,
          undefined,
          block,
        ),
      );
      return [
        stage(
          `commands over HTTP: POST /dossiers at ${run.rate}/s, one center`,
          run.receptions - failed,
          seconds,
          samples.flat(),
          failed ? `${failed} receptions failed or timed out (30 s)` : undefined,
        ),
        ...rows,
        stage('  ceiling: HTTP round trip to intake (GET /health/live)', ceiling.length, undefined, ceiling),
      ];
    } finally {
      clearInterval(renew);
    }
  } finally {
    await system.stop();
    await smtp.stop();
  }
}

/**
 * The counter the load is received at: Huế city's of 2018 while that organisation is in force
 * (`MOTCUA_ORGANISATION=hue-2018`), else An Cựu ward's of today (the demo's), each with its demo account.
 */
export const BENCH_COUNTER =
  process.env.MOTCUA_ORGANISATION === 'hue-2018'
    ? { username: 'counter.hue', centerId: 'hue-city' }
    : { username: 'counter.ancuu', centerId: 'an-cuu-pasc' };

/**
 * Another counter of the same organisation, where the system bench warms the processes up after a
 * start: the measured center's day then begins at its first dossier, received by warm processes.
 */
export const WARM_UP_COUNTER =
  process.env.MOTCUA_ORGANISATION === 'hue-2018'
    ? { username: 'counter.huongthuy', centerId: 'huong-thuy' }
    : { username: 'counter.thuanhoa', centerId: 'thuan-hoa-pasc' };

export async function login(
  intake: string,
  username = BENCH_COUNTER.username,
): Promise<Record<string, string>> {
  const r = await fetch(`${intake}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const body = (await r.json()) as { accessToken?: string };
  if (!r.ok || !body.accessToken) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(body)}`);
  return { authorization: `Bearer ${body.accessToken}` };
}

export async function expectCreated(r: Response): Promise<void> {
  const body = await r.text();
  if (r.status !== 201) throw new Error(`POST /dossiers: ${r.status} ${body.slice(0, 300)}`);
}
