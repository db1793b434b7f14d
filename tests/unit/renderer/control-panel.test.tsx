// @vitest-environment jsdom
/**
 * 一键式控行踪 as the judge sees it: 一键控制 in the alerts list opens the case's control panel; the
 * panel shows the monitoring on or off per person debtor, each sighting with its source, sends the
 * control once from the sighting's alert and shows where the railway police stand; once the debtor
 * is held the detention decision is drafted; an error comes in the judge's language.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { err, ok } from '../../../shared/result';
import { appError } from '../../../shared/errors';
import type { CaseControl } from '../../../shared/ipc/groups/control';
import type { ControlRequest } from '../../../shared/domain/control';
import { alertView } from './fake-api';
import { renderApp, resetAll } from './render-app';
import { useControlFocus } from '../../../renderer/src/features/control/focus';

const text = (id: string) => screen.getByTestId(id).textContent;
const SIGHTING = { ref: 'WE-1', subscriptionId: 'sub-1', caseId: 'case-1', partyId: 'p-1', kind: 'rail' as const, source: '铁路客票系统', place: '贵阳北站 → 成都东站 G2886 次', detail: 'G2886', seenAt: '2026-12-02T02:00:00.000Z', receivedAt: '2026-12-02T02:00:01.000Z' };
const SUB = { id: 'sub-1', caseId: 'case-1', partyId: 'p-1', findingSeq: 1, startedBy: 'F520103001', startedAt: '2026-12-01T02:00:00.000Z' };
const ALERT = alertView('al-s', {
  kind: 'whereabouts.sighting', action: 'control', source: { kind: 'sighting', id: 'WE-1' }, actionInput: { partyId: 'p-1', sightingId: 'WE-1' },
  reason: { zh: '布控对象被发现（铁路购票）：贵阳北站 → 成都东站 G2886 次，来源：铁路客票系统', en: 'a monitored debtor was seen (rail booking)' },
});
const control = (state: ControlRequest['state'], over: Partial<ControlRequest> = {}): ControlRequest => ({
  id: 'CTL-1', caseId: 'case-1', partyId: 'p-1', alertId: 'al-s', sightingRef: 'WE-1', documentId: 'doc-1', state, requestedBy: 'F520103001',
  requestedAt: 't', updatedAt: 't', ...over,
});

describe('the control panel', () => {
  beforeEach(() => {
    resetAll();
    useControlFocus.getState().focus(null);
  });
  afterEach(resetAll);

  it('opens from the alert, sends the control once from the sighting and drafts the detention once the debtor is held', async () => {
    const { fake } = renderApp();
    let data: CaseControl = { subscriptions: [SUB], sightings: [SIGHTING], controls: [] };
    fake.handle('alerts.list', () => ok([ALERT]));
    fake.handle('control.sightings', () => ok(data));
    fake.handle('alerts.acknowledge', () => ok({ ...ALERT, state: 'acknowledged' }));
    fake.handle('control.requestControl', () => {
      data = { ...data, controls: [control('accepted')] };
      return ok(control('accepted'));
    });
    fake.handle('control.controlStatus', () => {
      data = { ...data, controls: [control('controlled', { station: '贵阳北站派出所' })] };
      return ok(data.controls[0]);
    });
    fake.handle('control.draftDetention', (i: { facts: string }) => {
      data = { ...data, controls: [control('controlled', { station: '贵阳北站派出所', detentionDocumentId: 'doc-2' })] };
      return ok({ control: data.controls[0], document: { id: 'doc-2', type: '拘留决定书', number: 'n', sha256: 'x', createdAt: 't', facts: i.facts } });
    });
    await screen.findByTestId('case-search');
    await waitFor(() => expect(text('alerts-count')).toBe('1'));
    fireEvent.click(screen.getByTestId('alerts-toggle'));
    expect(text('alert-action-al-s')).toBe('申请协助控制');
    fireEvent.click(screen.getByTestId('alert-action-al-s'));
    await screen.findByTestId('control-panel');
    expect(text('control-state-p-1')).toBe('布控中');
    await screen.findByTestId('sighting-WE-1');
    expect(text('sighting-WE-1')).toContain('铁路客票系统');
    expect(text('sighting-WE-1')).toContain('G2886');
    // the company debtor is not monitored: only persons are
    expect(screen.queryByTestId('control-party-p-2')).toBeNull();
    fireEvent.click(screen.getByTestId('sighting-request-WE-1'));
    await waitFor(() => expect(text('sighting-control-WE-1')).toBe('铁路公安已受理'));
    expect(fake.callsOf('control.requestControl')).toEqual([{ caseId: 'case-1', alertId: 'al-s' }]);
    expect(screen.queryByTestId('sighting-request-WE-1')).toBeNull();
    expect(screen.queryByTestId('detention-draft-CTL-1')).toBeNull();
    // the police's answer comes live, without a click
    data = { ...data, controls: [control('controlled', { station: '贵阳北站派出所' })] };
    act(() => fake.emit('control.updated', { control: data.controls[0]! }));
    await waitFor(() => expect(text('control-request-state-CTL-1')).toBe('已临时控制'));
    fireEvent.click(screen.getByTestId('control-refresh-CTL-1'));
    await waitFor(() => expect(fake.callsOf('control.controlStatus')).toEqual([{ caseId: 'case-1', controlId: 'CTL-1' }]));
    fireEvent.change(screen.getByTestId('detention-facts-CTL-1'), { target: { value: '拒不履行并乘车逃避执行' } });
    fireEvent.click(screen.getByTestId('detention-draft-CTL-1'));
    await screen.findByTestId('detention-drafted-CTL-1');
    expect(fake.callsOf('control.draftDetention')).toEqual([{ caseId: 'case-1', controlId: 'CTL-1', facts: '拒不履行并乘车逃避执行' }]);
  });

  it('monitoring is turned on with the finding, and a refusal is shown in the judge’s language', async () => {
    const { fake } = renderApp();
    fake.handle('alerts.list', () => ok([ALERT]));
    fake.handle('control.subscribe', () => err(appError('FINDING_REQUIRED')));
    await waitFor(() => expect(text('alerts-count')).toBe('1'));
    fireEvent.click(screen.getByTestId('alerts-toggle'));
    fireEvent.click(screen.getByTestId('alert-action-al-s'));
    await screen.findByTestId('control-panel');
    expect(text('control-state-p-1')).toBe('未布控');
    expect(screen.getByTestId('control-no-sightings')).toBeTruthy();
    fireEvent.click(screen.getByTestId('control-subscribe-p-1'));
    await screen.findByTestId('control-error');
    expect(fake.callsOf('control.subscribe')).toEqual([{ caseId: 'case-1', partyId: 'p-1' }]);
    expect(text('control-error')).toMatch(/认定/);
  });
});
