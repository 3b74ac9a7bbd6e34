// Demo dossiers, created through the public HTTP API like a counter officer would: log in at intake,
// then send the bearer token. The command ids are fixed, so running the demo again finds the same
// dossiers instead of creating new ones.
import type { ServiceName } from '../../packages/testing/src/index.js';

/** The demo accounts' password: intake seeds them with the same variable (ADR 0008). */
export const DEMO_PASSWORD = process.env.MOTCUA_DEMO_PASSWORD || 'motcua-demo';

/** Logs in at intake and returns the headers to send as that officer. */
export async function loginHeaders(intake: string, username: string): Promise<Record<string, string>> {
  const response = await fetch(`${intake}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (!response.ok || !body.accessToken)
    throw new Error(`demo login ${username} failed: ${JSON.stringify(body)}`);
  return { 'content-type': 'application/json', authorization: `Bearer ${body.accessToken}` };
}

const applicants = [
  {
    fullName: 'Trần Văn Bình',
    idNumber: '046088001111',
    phone: '0914000111',
    email: 'binh.tran@example.vn',
    address: '10 Trần Hưng Đạo, Huế',
  },
  {
    fullName: 'Lê Thị Mai',
    idNumber: '046192002222',
    phone: '0935000222',
    email: 'mai.le@example.vn',
    address: '5 Nguyễn Huệ, Huế',
  },
  {
    fullName: 'Phạm Quốc Huy',
    idNumber: '046095003333',
    phone: '0905000333',
    email: '',
    address: '88 Hùng Vương, Huế',
  },
];
const COMMAND_IDS = [
  '0b1c6a30-4f1e-4d3c-9a11-6f1e2d3c4b01',
  '0b1c6a30-4f1e-4d3c-9a11-6f1e2d3c4b02',
  '0b1c6a30-4f1e-4d3c-9a11-6f1e2d3c4b03',
];

export async function seedDemoData(http: Record<ServiceName, string>) {
  // Today's organisation (two-tier Huế): received at the An Cựu ward center; the last one is
  // boundary-free, decided by the city's Sở Tài chính and returned at the ward (Decree 118/2025).
  const counter = await loginHeaders(http.intake, 'counter.ancuu');
  const seeded: { dossierCode: string; status: string; lookupKey: string }[] = [];
  for (const [i, applicant] of applicants.entries()) {
    const response = await fetch(`${http.intake}/dossiers`, {
      method: 'POST',
      headers: counter,
      body: JSON.stringify({
        commandId: COMMAND_IDS[i],
        procedureCode: '2.000575',
        ...(i === applicants.length - 1 ? { competentCenterId: 'hue-pasc' } : {}),
        applicant: Object.fromEntries(Object.entries(applicant).filter(([, v]) => v !== '')),
        documents: [
          { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, count: 1 },
          {
            name: 'Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình)',
            original: false,
            count: 1,
          },
        ],
      }),
    });
    const body = (await response.json()) as {
      dossier?: { dossierCode: string; status: string };
      lookupKey?: string;
    };
    if (!response.ok || !body.dossier) throw new Error(`demo reception failed: ${JSON.stringify(body)}`);
    seeded.push({
      dossierCode: body.dossier.dossierCode,
      status: body.dossier.status,
      lookupKey: body.lookupKey ?? '',
    });
  }
  return seeded;
}
