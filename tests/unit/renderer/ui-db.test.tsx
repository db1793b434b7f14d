// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import Dexie from 'dexie';
import { db, rememberRecentCase, RECENT_LIMIT, UiDb } from '../../../renderer/src/db/ui-db';
import { CASE_DETAIL } from './fake-api';
import { renderApp, resetAll } from './render-app';

const ALLOWED = ['caseId', 'number', 'openedAt'];

describe('UI database (non-sensitive only)', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('stores only the case id and number of an opened case, never names, IDs or amounts', async () => {
    renderApp();
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header');
    await waitFor(async () => expect(await db.recentCases.count()).toBe(1));
    const [row] = await db.recentCases.toArray();
    expect(Object.keys(row!).sort()).toEqual([...ALLOWED].sort());
    expect(row).toMatchObject({ caseId: 'case-1', number: CASE_DETAIL.number });
    const text = JSON.stringify(row);
    for (const p of CASE_DETAIL.parties) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.idNumber);
    }
    expect(row).not.toHaveProperty('applicantName');
    expect(row).not.toHaveProperty('debtorNames');
    expect(row).not.toHaveProperty('amountOwed');

    // and the list offers it again, by number
    fireEvent.click(screen.getByTestId('workspace-back'));
    fireEvent.click(await screen.findByTestId(`recent-case-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header');
  });

  it('keeps only the most recent cases', async () => {
    for (let i = 0; i < RECENT_LIMIT + 5; i++) {
      await rememberRecentCase({ caseId: `c${i}`, number: `(2025)黔0103执${i + 1}号` }, new Date(Date.UTC(2025, 0, 1, 0, i)));
    }
    const rows = await db.recentCases.orderBy('openedAt').reverse().toArray();
    expect(rows).toHaveLength(RECENT_LIMIT);
    expect(rows[0]!.caseId).toBe(`c${RECENT_LIMIT + 4}`);
  });

  it('the v2 upgrade strips anything but id, number and time from recent cases', async () => {
    const name = 'chakong-ui-upgrade-test';
    await Dexie.delete(name);
    const v1 = new Dexie(name);
    v1.version(1).stores({ recentCases: '&caseId, openedAt', prefs: '&key' });
    await v1.open();
    await v1.table('recentCases').put({ caseId: 'c1', number: '(2024)黔0103执5号', openedAt: '2025-01-01T00:00:00.000Z', debtorName: '张三', idNumber: '520102198503124011' });
    await v1.table('prefs').put({ key: 'lang', value: 'en' });
    v1.close();

    const v2 = new UiDb(name);
    await v2.open();
    expect(v2.verno).toBe(2);
    expect(await v2.recentCases.toArray()).toEqual([{ caseId: 'c1', number: '(2024)黔0103执5号', openedAt: '2025-01-01T00:00:00.000Z' }]);
    expect(await v2.prefs.get('lang')).toEqual({ key: 'lang', value: 'en' });
    await v2.savedFilters.put({ id: 'caseList', status: 'closed' });
    v2.close();
    await Dexie.delete(name);
  });
});
