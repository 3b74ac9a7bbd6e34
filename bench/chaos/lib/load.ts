// The steady load: full lifecycles of Decree 61 through the services' HTTP APIs, as the counter, the
// departments and the leadership drive them. Each accepted command is remembered with the event it must
// have produced, so the checks can count that event in the log.
import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@motcua/testing';
import { household } from '../../../test/e2e/lifecycle-harness.js';
import type { Json } from '../../../test/e2e/session.js';
import { type Answer, type Deadline, type Headers, Sessions, send, until } from './http.js';

const FINANCE = 'hue-city.finance-planning';
const LEADERSHIP = 'hue-city.leadership';

export type Path = 'approve' | 'supplement' | 'refuse';

export interface AcceptedCommand {
  commandId: string;
  /** The event type the command must have recorded, exactly once, with the command id as its cause. */
  expects: string;
  dossierId: string;
}

export interface DossierRun {
  index: number;
  path: Path;
  email: string;
  dossierId?: string;
  /** The dossier's task was seen in the finance department's queue. */
  queued: boolean;
  done: boolean;
  error?: string;
}

/** Which instance of a service the next call goes to (any that is running). */
export type Endpoint = (service: ServiceName) => string;

/** One in five dossiers gets a supplement request, one in five is refused after appraisal. */
export const pathOf = (index: number): Path =>
  index % 5 === 1 ? 'supplement' : index % 5 === 3 ? 'refuse' : 'approve';

export class LoadDriver {
  readonly runs: DossierRun[] = [];
  readonly accepted: AcceptedCommand[] = [];
  /** Commands the services refused (4xx) although a careful client sent them: each is a failure. */
  readonly refused: { dossierId: string; why: string }[] = [];
  private readonly sessions: Sessions;
  /** Lifecycles give up after this instant; the run pushes it back while a fault lasts. */
  deadline = Date.now() + 10 * 60_000;
  private readonly due: Deadline = () => this.deadline;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly concurrency: number,
  ) {
    this.sessions = new Sessions(() => endpoint('intake'));
  }

  /** Runs `count` more lifecycles, `concurrency` at a time; resolves when all have ended. */
  async drive(count: number): Promise<void> {
    const batch = Array.from({ length: count }, () => {
      const index = this.runs.length;
      const run: DossierRun = {
        index,
        path: pathOf(index),
        email: `chaos.${index}@example.vn`,
        queued: false,
        done: false,
      };
      this.runs.push(run);
      return run;
    });
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const run = batch[next++]!;
        await this.lifecycle(run).catch((err: Error) => {
          run.error = err.message;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, count) }, worker));
  }

  received(): number {
    return this.runs.filter((r) => r.dossierId).length;
  }

  private async lifecycle(run: DossierRun): Promise<void> {
    const applicant = `Người Thử Lỗi ${run.index}`;
    const body = household(applicant, run.email, `0461900${String(run.index).padStart(5, '0')}`);
    const received = await this.command('intake', '/dossiers', body, 'counter.hue', 'DossierReceived', '');
    const dossierId = received.body.dossier.dossierId as string;
    run.dossierId = dossierId;
    const reception = this.accepted.find((c) => c.commandId === received.commandId);
    if (reception) reception.dossierId = dossierId;
    await this.taskIn(FINANCE, dossierId, 'officer.tckh.hue');
    run.queued = true;
    if (run.path === 'refuse') {
      await this.command(
        'routing',
        `/dossiers/${dossierId}/refusal`,
        { reasons: ['Ngành, nghề đăng ký thuộc danh mục cấm kinh doanh'] },
        'head.tckh.hue',
        'DossierRefusedAfterAppraisal',
        dossierId,
      );
    } else {
      if (run.path === 'supplement') await this.supplement(dossierId);
      await this.complete(FINANCE, dossierId, 'officer.tckh.hue');
      await this.complete(LEADERSHIP, dossierId, 'leader.hue');
    }
    await until(async () => {
      const d = await this.get('intake', `/dossiers/${dossierId}`, 'counter.hue');
      if (d.body.status !== 'result_at_counter') throw new Error(`${dossierId} is ${d.body.status}`);
    }, this.due);
    await this.command(
      'intake',
      `/dossiers/${dossierId}/result-return`,
      { method: 'counter', receiverName: applicant },
      'counter.hue',
      'ResultReturned',
      dossierId,
    );
    run.done = true;
  }

  private async supplement(dossierId: string): Promise<void> {
    await this.command(
      'routing',
      `/dossiers/${dossierId}/supplement-requests`,
      {
        missingDocuments: ['Bản sao hợp đồng thuê địa điểm kinh doanh'],
        reason: 'Thiếu giấy tờ về địa điểm',
      },
      'officer.tckh.hue',
      'SupplementRequested',
      dossierId,
    );
    await until(async () => {
      const d = await this.get('intake', `/dossiers/${dossierId}`, 'counter.hue');
      if (d.body.process?.status !== 'awaiting_supplement') throw new Error(`${dossierId}: no request yet`);
    }, this.due);
    await this.command(
      'intake',
      `/dossiers/${dossierId}/supplements`,
      { documents: [{ name: 'Bản sao hợp đồng thuê địa điểm kinh doanh', original: false, count: 1 }] },
      'counter.hue',
      'SupplementReceived',
      dossierId,
    );
  }

  /** Completes the dossier's step; a 409 while routing has not yet seen the supplement is asked again. */
  private async complete(departmentId: string, dossierId: string, user: string): Promise<void> {
    const commandId = randomUUID();
    await until(async () => {
      const task = await this.taskIn(departmentId, dossierId, user);
      await this.command(
        'department',
        `/tasks/${task.taskId}/complete`,
        { commandId, note: 'Đạt yêu cầu' },
        user,
        'StepCompleted',
        dossierId,
      );
    }, this.due);
  }

  private taskIn(departmentId: string, dossierId: string, user: string): Promise<Json> {
    return until(async () => {
      const q = await this.get('department', `/departments/${departmentId}/queue`, user);
      const task = Array.isArray(q.body) ? q.body.find((t: Json) => t.dossierId === dossierId) : undefined;
      if (!task) throw new Error(`no task for ${dossierId} in ${departmentId} yet`);
      return task as Json;
    }, this.due);
  }

  private async get(service: ServiceName, path: string, user: string): Promise<Answer> {
    const url = () => `${this.endpoint(service)}${path}`;
    const r = await send('GET', url, undefined, await this.as(user), this.due);
    if (r.status === 401) this.sessions.forget(user);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    return r;
  }

  /** A command with its own id (kept across retries); the event it must produce is remembered. */
  private async command(
    service: ServiceName,
    path: string,
    body: Json,
    user: string,
    expects: string,
    dossierId: string,
  ): Promise<Answer & { commandId: string }> {
    const payload = { commandId: randomUUID(), ...body };
    const url = () => `${this.endpoint(service)}${path}`;
    const r = await send('POST', url, payload, await this.as(user), this.due);
    if (r.status === 401) this.sessions.forget(user);
    if (r.status >= 300) {
      const why = `${service} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
      if (r.status !== 409 && r.status !== 401) this.refused.push({ dossierId, why });
      throw new Error(why);
    }
    this.accepted.push({ commandId: payload.commandId as string, expects, dossierId });
    return { ...r, commandId: payload.commandId as string };
  }

  private as(user: string): Promise<Headers> {
    return this.sessions.as(user, this.due);
  }
}
