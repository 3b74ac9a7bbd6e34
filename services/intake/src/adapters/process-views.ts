import type { RecordedEvent } from '@motcua/contracts';
import { lastWritten, updateProjection } from '@motcua/eventstore';
import type { Collection, Db } from 'mongodb';
import type { ProcessView } from '../domain/types.js';

type Stored = ProcessView & { routingVersion: number };
type ViewDocument = Stored & { _id: string; revision: number };

type Holder = NonNullable<ProcessView['heldBy']>[number];

/** A step of the same stage joins the others (parallel branches); a next stage or a return replaces them. */
function heldAfterRouting(held: Holder[], event: RecordedEvent): Holder[] {
  const p = event.payload as Record<string, unknown>;
  const holder: Holder = {
    stepId: String(p.stepId ?? ''),
    stepName: String(p.stepName ?? ''),
    departmentName: String(p.departmentName || p.departmentId || ''),
    stage: Number(p.stage ?? 0),
    since: event.occurredAt,
  };
  const sameStage = !p.returnedFromStepId && held.every((h) => h.stage === holder.stage);
  return [...(sameStage ? held.filter((h) => h.stepId !== holder.stepId) : []), holder];
}

/** How routing's events change what the counter may record; others leave the view as it is. */
function next(view: Stored, event: RecordedEvent): Stored {
  const p = event.payload as Record<string, unknown>;
  const at = { routingVersion: event.streamVersion };
  switch (event.type) {
    case 'DossierWorkflowAssigned':
    case 'ProcessingClockRestarted':
    case 'ProcessingClockResumed': {
      const { supplement: _answered, ...rest } = view;
      return { ...rest, ...at, status: 'processing' };
    }
    case 'SupplementRequested':
      return {
        ...view,
        ...at,
        status: 'awaiting_supplement',
        supplementRequestNumber: Number(p.requestNumber),
        supplement: {
          missingDocuments: Array.isArray(p.missingDocuments) ? p.missingDocuments.map(String) : [],
          reason: String(p.reason ?? ''),
          requestedAt: String(p.requestedAt),
        },
      };
    case 'DossierRouted':
      return {
        ...view,
        ...at,
        steps: [
          ...(view.steps ?? []),
          {
            stepId: String(p.stepId),
            stepName: String(p.stepName ?? ''),
            departmentName: String(p.departmentName ?? ''),
            stage: Number(p.stage ?? 0),
            at: event.occurredAt,
          },
        ],
        heldBy: heldAfterRouting(view.heldBy ?? [], event),
      };
    case 'DossierUnitsSucceeded': {
      // Several moves chain: the dossier's first center is the one its reception named.
      const previousCenterId = view.succession?.previousCenterId ?? String(p.previousCenterId);
      return { ...view, ...at, succession: { previousCenterId, centerId: String(p.centerId) } };
    }
    case 'FinancialObligationNotified':
      return { ...view, ...at, status: 'awaiting_payment', amountVnd: Number(p.amountVnd) };
    case 'BranchCompleted':
      return { ...view, ...at, heldBy: (view.heldBy ?? []).filter((h) => h.stepId !== p.stepId) };
    case 'DossierProcessingCompleted':
      return { ...view, ...at, status: 'completed', heldBy: [] };
    case 'DossierProcessingStopped':
      return { ...view, ...at, status: 'stopped', heldBy: [] };
    case 'DossierProcessingClosed':
      return { ...view, ...at, status: 'closed', heldBy: [] };
    default:
      return view;
  }
}

/** Intake's read model of the processing, one document per dossier, built from routing's events. */
export class ProcessViews {
  private readonly views: Collection<ViewDocument>;
  /** The views this consumer last wrote: routing's next event is folded without reading them first. */
  private readonly cache = lastWritten<Stored>();

  constructor(db: Db) {
    this.views = db.collection<ViewDocument>('process_views');
  }

  async apply(event: RecordedEvent): Promise<void> {
    if (event.producer !== 'routing') return;
    await updateProjection<Stored>(
      this.views,
      event.dossierId,
      () => ({ status: 'processing', supplementRequestNumber: 0, amountVnd: 0, routingVersion: 0 }),
      // an older event redelivered after a newer one changes nothing
      (view) => (event.streamVersion <= view.routingVersion ? view : next(view, event)),
      // routing's first event of a dossier starts its view
      { cache: this.cache, likelyNew: event.streamVersion === 1 },
    );
  }

  async get(dossierId: string): Promise<ProcessView | null> {
    const doc = await this.views.findOne({ _id: dossierId });
    return doc
      ? {
          status: doc.status,
          supplementRequestNumber: doc.supplementRequestNumber,
          amountVnd: doc.amountVnd,
          ...(doc.status === 'awaiting_supplement' && doc.supplement ? { supplement: doc.supplement } : {}),
          ...(doc.steps ? { steps: doc.steps } : {}),
          heldBy: doc.heldBy ?? [],
          ...(doc.succession ? { succession: doc.succession } : {}),
        }
      : null;
  }
}
