/**
 * Version 8: who is sending a measure now. Two processes may hold the store open at once (a
 * second workstation process that got past the single-instance lock); each engine takes an
 * outbox measure with a lease before it works on it, so that one measure is sent by one engine
 * at a time and never re-sent beside another's send (docs/gateway-protocol.md "Unknown
 * outcome": the same body goes again only after a 404). A lease that runs out (its process
 * died) lets another engine take it.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE measures ADD COLUMN claimed_by TEXT;
ALTER TABLE measures ADD COLUMN claimed_until TEXT;
CREATE INDEX measures_claimed ON measures (claimed_by) WHERE claimed_by IS NOT NULL;
`;

export const migration008: Migration = {
  version: 8,
  name: 'measure-claims',
  up(db) {
    db.exec(SQL);
  },
};
