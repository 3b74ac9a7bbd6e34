import type { Collection, Db } from 'mongodb';
import type { OfficerNotice } from '../domain/officer-notices.js';

interface InboxDocument {
  _id: string; // audience, e.g. `head:hue-city.finance-planning`
  noticeIds: string[];
  notices: OfficerNotice[];
}

/** Officers' notices, one document per audience (read by `_id`); a notice is added once. */
export class OfficerInbox {
  private readonly inboxes: Collection<InboxDocument>;

  constructor(db: Db) {
    this.inboxes = db.collection<InboxDocument>('officer_inboxes');
  }

  async add(notice: OfficerNotice): Promise<void> {
    try {
      await this.inboxes.updateOne(
        { _id: notice.audience, noticeIds: { $ne: notice.id } },
        { $push: { notices: notice, noticeIds: notice.id } },
        { upsert: true },
      );
    } catch (err) {
      // The filter missed because the notice is already there, and the upsert hit the existing `_id`.
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }

  /** The notices of these audiences, newest first. */
  async read(audiences: string[]): Promise<OfficerNotice[]> {
    const docs = await Promise.all(audiences.map((_id) => this.inboxes.findOne({ _id })));
    return docs.flatMap((d) => d?.notices ?? []).sort((a, b) => b.at.localeCompare(a.at));
  }
}
