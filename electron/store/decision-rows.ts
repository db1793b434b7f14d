/**
 * The reads a table of credit decisions answers alike — a dishonest listing, a consumption
 * restriction order (docs/domain.md rules 8 and 9): one by id, a case's in order, those awaiting a
 * chief's approval, the debtor's one under way, and the signed exchange kept on the row. Each
 * statement is prepared once per connection (`cachedStatement`).
 */
import { cachedStatement, type Db } from './db';
import { readExchangeDraft, type ExchangeDraftColumns, type SignedExchangeDraft } from './exchange-draft';

export class DecisionRows<Row extends ExchangeDraftColumns, T> {
  constructor(
    private readonly db: () => Db,
    private readonly table: 'credit_listings' | 'restriction_orders',
    private readonly toItem: (r: Row) => T,
    /** the states in which a debtor's decision is under way: a second one is refused */
    private readonly underWay: readonly string[],
  ) {}

  get(id: string): T | undefined {
    const r = cachedStatement<[string], Row>(this.db(), `SELECT * FROM ${this.table} WHERE id = ?`).get(id);
    return r ? this.toItem(r) : undefined;
  }

  ofCase(caseId: string): T[] {
    return cachedStatement<[string], Row>(this.db(), `SELECT * FROM ${this.table} WHERE case_id = ? ORDER BY created_at, id`).all(caseId).map(this.toItem);
  }

  awaitingApproval(): T[] {
    return cachedStatement<[], Row>(this.db(), `SELECT * FROM ${this.table} WHERE state = 'proposed' ORDER BY proposed_at, id`).all().map(this.toItem);
  }

  underWayFor(caseId: string, partyId: string): T | undefined {
    const states = this.underWay.map(() => '?').join(', ');
    const r = cachedStatement<string[], Row>(this.db(), `SELECT * FROM ${this.table} WHERE case_id = ? AND party_id = ? AND state IN (${states})`).get(caseId, partyId, ...this.underWay);
    return r ? this.toItem(r) : undefined;
  }

  exchangeDraft(id: string): SignedExchangeDraft | undefined {
    return readExchangeDraft(cachedStatement<[string], Row>(this.db(), `SELECT * FROM ${this.table} WHERE id = ?`).get(id));
  }
}
