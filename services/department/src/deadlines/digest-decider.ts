import type { Decider, NewEvent } from '@motcua/eventstore';
import type { Digest } from './digest.js';

/** One stream per unit and working date: a digest is issued once, whatever fires twice. */
export interface IssueDigest {
  type: 'IssueDigest';
  digest: Digest;
}

export const digestDecider: Decider<{ issued: boolean }, IssueDigest> = {
  initialState: () => ({ issued: false }),
  evolve: (state, event) => (event.type === 'DailyDigestIssued' ? { issued: true } : state),
  decide: (command, state): NewEvent[] =>
    state.issued
      ? []
      : [
          {
            type: 'DailyDigestIssued',
            schemaVersion: 1,
            occurredAt: command.digest.issuedAt,
            payload: { ...command.digest },
          },
        ],
};
