import type { Collection, Db } from 'mongodb';
import type { OfficerNotice } from '../domain/officer-notices.js';

interface InboxDocument {
  _id: string; // audience, e.g. `head:hue-city.finance-planning`
  noticeIds: string[];
  notices: OfficerNotice[];
  /** Writes so far (absent on inboxes written before it): the check that no other write came between. */
  revision?: number;
}

/** An inbox keeps this many notices, the newest: no document grows with the history. */
export const INBOX_NOTICES = 500;

/**
 * Officers' notices, one document per audience (read by `_id`) holding its newest notices; a notice
 * is added once (a redelivery comes long before 500 newer notices).
 */
export class OfficerInbox {
  private readonly inboxes: Collection<InboxDocument>;

  constructor(
    db: Db,
    private readonly keep = INBOX_NOTICES,
  ) {
    this.inboxes = db.collection<InboxDocument>('officer_inboxes');
  }

  async add(notice: OfficerNotice): Promise<void> {
    // Read, then write on the revision read: a concurrent add makes the write miss and is read again.
    for (let attempt = 0; attempt < 20; attempt++) {
      const inbox = await this.inboxes.findOne({ _id: notice.audience });
      if (inbox?.noticeIds.includes(notice.id)) return;
      const notices = [...(inbox?.notices ?? []), notice].slice(-this.keep);
      const next = { notices, noticeIds: notices.map((n) => n.id), revision: (inbox?.revision ?? 0) + 1 };
      if (!inbox) {
        try {
          await this.inboxes.insertOne({ _id: notice.audience, ...next });
          return;
        } catch (err) {
          if ((err as { code?: number }).code !== 11000) throw err;
          continue; // created meanwhile
        }
      }
      const written = await this.inboxes.updateOne(
        { _id: notice.audience, revision: inbox.revision ?? { $exists: false } },
        { $set: next },
      );
      if (written.matchedCount === 1) return;
    }
    throw new Error(`officer inbox ${notice.audience}: too many concurrent writes`);
  }

  /** The notices of these audiences, newest first. */
  async read(audiences: string[]): Promise<OfficerNotice[]> {
    const docs = await Promise.all(audiences.map((_id) => this.inboxes.findOne({ _id })));
    return docs.flatMap((d) => d?.notices ?? []).sort((a, b) => b.at.localeCompare(a.at));
  }
}
