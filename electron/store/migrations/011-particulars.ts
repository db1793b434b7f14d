/**
 * Version 11: the particulars a registry and a clerk need on a document (docs/domain.md,
 * "Documents"). An asset keeps, as JSON, what its agency said besides institution and identifier:
 * real estate's 坐落 and 不动产单元号, a vehicle's 号牌种类 and VIN, the securities held and their
 * quantity, the company and the 出资额 or 比例 of a stake. A party keeps its 住所 and, for a
 * company, its 法定代表人 and his 职务. Both are NULL when nothing is known: rows written before
 * this version stay as they were, and documents read without them.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE assets ADD COLUMN particulars TEXT;
ALTER TABLE parties ADD COLUMN particulars TEXT;
`;

export const migration011: Migration = {
  version: 11,
  name: 'particulars',
  up(db) {
    db.exec(SQL);
  },
};
