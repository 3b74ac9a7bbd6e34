import type { Collection, Db } from 'mongodb';

/** `online_receipts`: an electronic receipt number → its dossier, so the counter finds a submission by it. */
export class OnlineReceipts {
  private readonly receipts: Collection<{ _id: string; dossierId: string }>;

  constructor(db: Db) {
    this.receipts = db.collection('online_receipts');
  }

  /** Written after the submission's event; a retry writes the same pair again. */
  async remember(receiptNumber: string, dossierId: string): Promise<void> {
    await this.receipts.updateOne({ _id: receiptNumber }, { $set: { dossierId } }, { upsert: true });
  }

  async dossierIdFor(receiptNumber: string): Promise<string | undefined> {
    return (await this.receipts.findOne({ _id: receiptNumber }))?.dossierId;
  }
}
