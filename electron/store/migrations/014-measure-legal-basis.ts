/**
 * Version 14: the grounds a measure cites when they are not its kind's. A release of the excess
 * cites 查扣冻规定 第十九条 instead of 第二十八条 (docs/domain.md rule 1): its ruling and notice,
 * its request on the wire and its audit entries then cite the same article. Set when the measure
 * is decided, never changed (the decision's signature covers the request body that carries it).
 */
import type { Migration } from './migration';

export const migration014: Migration = {
  version: 14,
  name: 'measure-legal-basis',
  up(db) {
    db.exec('ALTER TABLE measures ADD COLUMN legal_basis TEXT;');
  },
};
