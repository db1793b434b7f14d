/**
 * The permission matrix is written once (shared/authority/matrix.ts) and printed in
 * docs/authority.md; the page a clerk or an auditor reads must say what the program does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTS, caseAccess, permits, type Act } from '../../shared/authority/matrix';
import { ROLES, ROLE_NAMES } from '../../shared/authority/roles';

const doc = readFileSync(path.join(__dirname, '../../docs/authority.md'), 'utf8');

/** `read` or `read (judge: act)`: the least access, and the roles that need more */
function caseCell(cell: string): { case: string; byRole?: Record<string, string> } {
  const m = /^(\w+)(?: \((.+)\))?$/.exec(cell);
  if (!m?.[2]) return { case: m?.[1] ?? cell };
  return { case: m[1]!, byRole: Object.fromEntries(m[2].split(', ').map((x) => x.split(': ') as [string, string])) };
}

function documentedMatrix(): Map<string, { roles: string[]; case: string; byRole?: Record<string, string> }> {
  const header = doc.split('\n').find((l) => l.startsWith('| act | what |'))!;
  const cols = header.split('|').map((c) => c.trim()).slice(3, 3 + ROLES.length);
  const rows = doc.split('\n').filter((l) => /^\| `[a-z.A-Z]+` \|/.test(l));
  return new Map(rows.map((l) => {
    const cells = l.split('|').map((c) => c.trim());
    const act = cells[1]!.replace(/`/g, '');
    const marks = cells.slice(3, 3 + ROLES.length);
    const roles = ROLES.filter((r) => marks[cols.indexOf(ROLE_NAMES[r].zh)] === '✔');
    return [act, { roles, ...caseCell(cells[3 + ROLES.length]!) }];
  }));
}

describe('the permission matrix in docs/authority.md', () => {
  it('lists every act the program knows, with exactly its roles and case access', () => {
    const documented = documentedMatrix();
    expect([...documented.keys()].sort()).toEqual(Object.keys(ACTS).sort());
    for (const [act, rule] of Object.entries(ACTS)) {
      const byRole = 'byRole' in rule ? { byRole: rule.byRole } : {};
      expect(documented.get(act), act).toEqual({ roles: [...rule.roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)), case: rule.case, ...byRole });
    }
  });
});

describe('access to a case (docs/domain.md rule 14)', () => {
  const court = '黔0103';
  const judge = { code: 'J1', role: 'judge' as const, court };
  const other = { code: 'J2', role: 'judge' as const, court };
  const clerk = { code: 'C1', role: 'clerk' as const, court, team: ['J1'] };
  const chief = { code: 'H1', role: 'chief' as const, court };
  const mine = { court, assignee: 'J1' };

  it('the 承办法官 acts in his case; another judge only reads it; a clerk acts for his team only', () => {
    expect(caseAccess(judge, mine)).toBe('act');
    expect(caseAccess(other, mine)).toBe('read');
    expect(caseAccess(clerk, mine)).toBe('act');
    expect(caseAccess({ ...clerk, team: ['J2'] }, mine)).toBe('none');
    expect(caseAccess(chief, mine)).toBe('read');
    expect(caseAccess(judge, { court: '黔0102', assignee: 'J1' })).toBe('none');
  });

  it('a clerk prepares but never decides; a judge decides only in his own case; only a chief or the director approves', () => {
    const can = (act: Act, o: { role: (typeof ROLES)[number] }, access: ReturnType<typeof caseAccess>) => permits(act, o.role, access).ok;
    expect(can('query.property', clerk, 'act')).toBe(true);
    expect(can('measure.draft', clerk, 'act')).toBe(true);
    expect(can('deduction.decide', clerk, 'act')).toBe(false);
    expect(can('measure.decide', clerk, 'act')).toBe(false);
    expect(can('deduction.decide', judge, 'act')).toBe(true);
    expect(can('deduction.decide', other, 'read')).toBe(false);
    expect(can('deduction.approve', judge, 'act')).toBe(false);
    expect(can('deduction.approve', chief, 'read')).toBe(true);
    expect(can('settings.courtAccounts', judge, 'none')).toBe(false);
    // evidence: the 承办法官 of his own case, a chief or the director of any case he reads
    expect(can('evidence.export', judge, 'act')).toBe(true);
    expect(can('evidence.export', other, 'read')).toBe(false);
    expect(can('evidence.export', chief, 'read')).toBe(true);
    expect(can('evidence.export', clerk, 'act')).toBe(false);
  });

  it('a case paid in full is closed by its own judge, a chief or the director — never by a clerk or another judge', () => {
    expect(permits('case.close', 'judge', 'act').ok).toBe(true);
    expect(permits('case.close', 'chief', 'read').ok).toBe(true);
    expect(permits('case.close', 'director', 'read').ok).toBe(true);
    expect(permits('case.close', 'judge', 'read')).toMatchObject({ ok: false, reason: 'case' });
    expect(permits('case.close', 'clerk', 'act')).toMatchObject({ ok: false, reason: 'role' });
    expect(permits('case.close', 'assistant', 'act')).toMatchObject({ ok: false, reason: 'role' });
  });

  it('says why, in the judge’s words', () => {
    const r = permits('deduction.decide', 'clerk', 'act');
    expect(r).toMatchObject({ ok: false, reason: 'role' });
    if (!r.ok) expect(r.zh).toContain('决定扣划');
    const c = permits('query.property', 'judge', 'read');
    if (!c.ok) expect(c.zh).toContain('只能查阅');
  });
});
