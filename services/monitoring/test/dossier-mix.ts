// A seeded mix of dossiers over 2025 for the report tests: receptions at the counter, by post and
// online at centers before and after the 1 July 2025 reorganisation (some decided by another center),
// supplements (one or two), payment pauses, apologies, results approved or refused and handed over
// (or not yet), withdrawals, stops, refusals at intake, and dossiers still open.

export interface MixEvent {
  eventId: string;
  dossierId: string;
  type: string;
  payload: Record<string, unknown>;
}

export const MIX_FIELDS: Record<string, string> = { '1.001': 'F1', '1.002': 'F2' };

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (t: number) => new Date(t).toISOString();

/** A dossier's events over 2025 (Vietnam working hours or not: the report does not care). */
function mixedDossier(n: number, rnd: () => number): MixEvent[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const id = `d-${n}`;
  const t0 =
    Date.parse('2025-01-01T01:00:00Z') + Math.floor(rnd() * 360) * DAY + Math.floor(rnd() * 10) * HOUR;
  const receiving = pick(['quang-dien', 'hue-city', 'quang-dien-pasc', 'an-cuu-pasc', 'hue-pasc']);
  const competent = rnd() < 0.15 ? 'hue-pasc' : receiving;
  const procedureCode = pick(['1.001', '1.002', '9.999']);
  const steps: { type: string; payload: Record<string, unknown> }[] = [];
  if (rnd() < 0.05) {
    steps.push({
      type: 'DossierRefusedAtIntake',
      payload: { procedureCode, centerId: receiving, refusedAt: iso(t0) },
    });
  } else {
    let t = t0;
    const appointment = t0 + Math.floor(1 + rnd() * 20) * DAY;
    steps.push({
      type: 'DossierReceived',
      payload: {
        procedureCode,
        procedureVersion: 1,
        channel: rnd() < 0.3 ? 'online' : pick(['counter', 'postal']),
        centerId: receiving,
        competentCenterId: competent,
        receivedAt: iso(t0),
        appointmentAt: iso(appointment),
      },
    });
    const supplements = rnd() < 0.2 ? (rnd() < 0.3 ? 2 : 1) : 0;
    for (let s = 1; s <= supplements; s++) {
      t += Math.floor(1 + rnd() * 5) * DAY;
      steps.push({ type: 'SupplementRequested', payload: { requestNumber: s, requestedAt: iso(t) } });
      if (rnd() < 0.8) {
        t += Math.floor(1 + rnd() * 5) * DAY;
        steps.push({
          type: 'ProcessingClockRestarted',
          payload: { restartedAt: iso(t), appointmentAt: iso(t + 10 * DAY) },
        });
      }
    }
    if (rnd() < 0.1) {
      t += DAY;
      steps.push({
        type: 'FinancialObligationNotified',
        payload: { pausesClock: true, notifiedAt: iso(t) },
      });
      t += Math.floor(rnd() * 6) * DAY;
      steps.push({
        type: 'ProcessingClockResumed',
        payload: { resumedAt: iso(t), appointmentAt: iso(t + 8 * DAY) },
      });
    }
    if (rnd() < 0.1) {
      t += DAY;
      steps.push({
        type: 'ApologyIssued',
        payload: {
          issuedAt: iso(t),
          previousAppointmentAt: iso(appointment),
          newAppointmentAt: iso(t + 9 * DAY),
        },
      });
    }
    const end = rnd();
    t += Math.floor(rnd() * 40) * DAY + Math.floor(rnd() * 8) * HOUR;
    if (end < 0.7) {
      steps.push({
        type: 'DossierProcessingCompleted',
        payload: { outcome: rnd() < 0.9 ? 'approved' : 'refused', completedAt: iso(t) },
      });
      if (rnd() < 0.85) {
        t += Math.floor(rnd() * 20) * DAY + HOUR;
        steps.push({ type: 'ResultReturned', payload: { returnedAt: iso(t), method: 'counter' } });
      }
    } else if (end < 0.8) steps.push({ type: 'DossierWithdrawn', payload: { withdrawnAt: iso(t) } });
    else if (end < 0.85) steps.push({ type: 'DossierProcessingStopped', payload: { stoppedAt: iso(t) } });
    // else: still open
  }
  return steps.map((e, i) => ({ eventId: `${id}-${i}`, dossierId: id, ...e }));
}

/** `count` dossiers' events, each dossier's in order; the same for the same seed. */
export function dossierMix(count: number, seed: number): MixEvent[][] {
  const rnd = random(seed);
  return Array.from({ length: count }, (_, n) => mixedDossier(n, rnd));
}
