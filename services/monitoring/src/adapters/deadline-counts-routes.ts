import { toLocalDay } from '@motcua/calendar';
import type { RecordedEvent } from '@motcua/contracts';
import type { HttpApp } from '@motcua/http';
import { type Directory, ORGANISATION } from '@motcua/organisation';
import type { ServiceDeps } from '@motcua/runtime';
import { countDeadlines, type DeadlineCounts } from '../domain/deadline-counts.js';
import { monthsBetween } from '../domain/report.js';
import { deadlineCountsCsv, deadlineCountsXlsx } from './deadline-counts-export.js';
import { DeadlineCountsRepository } from './deadline-counts-repository.js';
import { periodQuerystring, readErrors, readPeriod } from './period-query.js';
import { perCenterSchema, periodAnswerHead } from './schemas.js';
import { periodDownloads } from './table-export.js';

export interface DepartmentDeadlineCounts extends DeadlineCounts {
  departmentId: string;
  departmentName: string;
}

export interface CenterDeadlineCounts {
  centerId: string;
  centerName: string;
  /** The center as a whole: each dossier once, also those naming no department. */
  totals: DeadlineCounts;
  departments: DepartmentDeadlineCounts[];
}

export interface DeadlineCountsAnswer {
  from: string;
  to: string;
  asOf: string;
  centerId?: string;
  centers: CenterDeadlineCounts[];
}

/** The board's reminder and escalation counts per department of one center or of every center. */
export class DeadlineCountsBoard {
  constructor(
    private readonly repository: DeadlineCountsRepository,
    private readonly now: () => Date,
    private readonly directory: Directory = ORGANISATION,
  ) {}

  async counts(query: { from: Date; to: Date; centerId?: string }): Promise<DeadlineCountsAnswer> {
    const now = this.now();
    const [from, to] = [query.from.getTime(), query.to.getTime()];
    const months = monthsBetween(query.from, new Date(to - 1));
    // the directory as it stood at the period's end (or now, for a period not over)
    const day = toLocalDay(new Date(Math.min(to - 1, now.getTime())));
    const centers = query.centerId
      ? [
          {
            centerId: query.centerId,
            name: this.directory.findCenter(query.centerId, day)?.name ?? query.centerId,
          },
        ]
      : this.directory.centers(day);
    const answer = await Promise.all(
      centers.map(async (c): Promise<CenterDeadlineCounts> => {
        const listed = this.directory.departmentsOf(c.centerId, day).map((d) => d.departmentId);
        const seen = [...(await this.repository.departmentsOf(c.centerId))].sort();
        const ids = [...listed, ...seen.filter((id) => !listed.includes(id))];
        const departments = await Promise.all(
          ids.map(async (departmentId) => ({
            departmentId,
            departmentName: this.directory.findDepartment(departmentId, day)?.name ?? departmentId,
            ...countDeadlines(await this.repository.entries('department', departmentId, months), from, to),
          })),
        );
        const totals = countDeadlines(await this.repository.entries('center', c.centerId, months), from, to);
        return { centerId: c.centerId, centerName: c.name, totals, departments };
      }),
    );
    return {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      asOf: now.toISOString(),
      ...(query.centerId ? { centerId: query.centerId } : {}),
      centers: answer,
    };
  }
}

const count = { type: 'integer' } as const;
const countsSchema = {
  reminders: count,
  overdueSteps: count,
  escalations: count,
  escalationsLevel1: count,
  escalationsLevel2: count,
  nearDueDossiers: count,
  overdueDossiers: count,
  apologyPrompts: count,
} as const;
export function deadlineCountsRoutes(board: DeadlineCountsBoard) {
  return async (http: HttpApp) => {
    http.get(
      '/board/deadlines',
      {
        schema: {
          summary:
            "Reminders, overdue steps, escalations by level, overdue dossiers and apology prompts per department over a period; without centerId, every center's",
          tags: ['statistics'],
          querystring: periodQuerystring,
          response: {
            200: {
              type: 'object',
              properties: {
                ...periodAnswerHead,
                centers: perCenterSchema({
                  totals: { type: 'object', properties: countsSchema },
                  departments: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        departmentId: { type: 'string' },
                        departmentName: { type: 'string' },
                        ...countsSchema,
                      },
                    },
                  },
                }),
              },
            },
            ...readErrors,
          },
        },
      },
      async (request) => board.counts(readPeriod(request)),
    );

    periodDownloads(http, {
      path: '/board/deadlines',
      filePrefix: 'nhac-viec',
      querystring: periodQuerystring,
      summary: {
        csv: "The board's deadline counts per department as CSV",
        xlsx: "The board's deadline counts per department as XLSX",
      },
      load: (request) => board.counts(readPeriod(request)),
      render: { csv: deadlineCountsCsv, xlsx: deadlineCountsXlsx },
    });
  };
}

/** The counts' side of the service: the projection (fed from the app's onEvent) and its reads. */
export function deadlineCountsFor(
  app: { deadlines?: { apply(event: RecordedEvent): Promise<void> } },
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
): DeadlineCountsBoard {
  const repository = new DeadlineCountsRepository(deps.db);
  app.deadlines = repository;
  return new DeadlineCountsBoard(repository, () => deps.clock.now());
}
