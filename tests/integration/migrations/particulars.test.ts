/**
 * Migration "particulars": a case and its findings stored before it read as before (no 住所, no
 * 坐落); after it, the case-management system's 住所 and 法定代表人 and an asset's particulars are
 * kept and read back.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { CaseRepo } from '../../../electron/store/cases';
import { Connection } from '../../../electron/store/connection';
import { findingsOfCase } from '../../../electron/store/findings';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'particulars');
const before = databasesAtVersion(at);

describe('migration: particulars of parties and assets', () => {
  it('keeps what was stored before, and stores 住所, 法定代表人 and 坐落 after', () => {
    expect(at).toBeGreaterThan(0);
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2025)黔0103执1号', '黔0103', '执', '2025-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    d.prepare(`INSERT INTO parties (id, case_id, position, role, kind, name, id_number) VALUES ('p1', 'c1', 0, 'applicant', 'person', '张三', '11010519491231002X'),
      ('p2', 'c1', 1, 'debtor', 'company', '贵州某某建筑工程有限公司', '91520103MA6H7K8L2X')`).run();
    d.prepare(`INSERT INTO requests (id, case_id, party_id, channel, kind, state, attempts, polls, created_at, updated_at)
      VALUES ('r1', 'c1', 'p2', 'realestate.gz', 'query', 'answered', 1, 1, 't', 't')`).run();
    d.prepare(`INSERT INTO feedback (request_id, received_at, raw, sha256) VALUES ('r1', 't', '{}', 'h')`).run();
    d.prepare(`INSERT INTO assets (id, case_id, party_id, request_id, position, channel, kind, institution, identifier, description, found_at)
      VALUES ('a1', 'c1', 'p2', 'r1', 0, 'realestate.gz', 'real_estate', '贵阳市不动产登记中心', '黔(2021)贵阳市不动产权第0012345号', '住宅', 't')`).run();

    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(at + 1);
    const cases = new CaseRepo(new Connection(d), () => new Date('2026-12-02T00:00:00Z'));
    const [, debtor] = cases.get('c1')!.parties;
    expect(debtor).toEqual({ id: 'p2', caseId: 'c1', role: 'debtor', kind: 'company', name: '贵州某某建筑工程有限公司', idNumber: '91520103MA6H7K8L2X' });
    expect(findingsOfCase(d, 'c1').assets[0]).not.toHaveProperty('particulars');

    cases.takeParticulars('c1', [{ kind: 'company', name: '贵州某某建筑工程有限公司', idNumber: '91520103MA6H7K8L2X', address: '贵州省贵阳市南明区花果园大街18号', legalRepresentative: { name: '李建国', title: '董事长' } }]);
    expect(cases.get('c1')!.parties[1]).toMatchObject({ address: '贵州省贵阳市南明区花果园大街18号', legalRepresentative: { name: '李建国', title: '董事长' } });
    d.prepare(`UPDATE assets SET particulars = ? WHERE id = 'a1'`).run(JSON.stringify({ kind: 'real_estate', location: '贵州省贵阳市云岩区北京路88号', unitNumber: '520102001001GB00001F00010001' }));
    expect(findingsOfCase(d, 'c1').assets[0]!.particulars).toEqual({ kind: 'real_estate', location: '贵州省贵阳市云岩区北京路88号', unitNumber: '520102001001GB00001F00010001' });
  });
});
