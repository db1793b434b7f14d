// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ok } from '../../../shared/result';
import { db } from '../../../renderer/src/db/ui-db';
import { connectionCell } from '../../../renderer/src/api/connection';
import { CASE_DETAIL, ONLINE, fail } from './fake-api';
import { renderApp, resetAll, settle } from './render-app';

describe('network status, language, lock', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('shows the offline banner when network.status says offline, and hides it when back', async () => {
    const { fake } = renderApp();
    await screen.findByTestId('case-search');
    expect(screen.queryByTestId('network-offline-banner')).toBeNull();
    act(() => fake.emit('network.status', { ...ONLINE, online: false, error: 'ECONNREFUSED' }));
    expect(screen.getByTestId('network-offline-banner').textContent).toBe(
      '查控网络不可用：已显示本地缓存结果，查询请求将在网络恢复后自动发送',
    );
    act(() => fake.emit('network.status', ONLINE));
    expect(screen.queryByTestId('network-offline-banner')).toBeNull();
    // a gateway certificate that cannot be verified is no outage: said apart, for the administrator
    act(() => fake.emit('network.status', { ...ONLINE, online: false, error: 'SELF_SIGNED_CERT_IN_CHAIN', certificate: true }));
    expect(screen.queryByTestId('network-offline-banner')).toBeNull();
    expect(screen.getByTestId('network-certificate-banner').textContent).toContain('网关证书无法验证');
  });

  it('shows the training badge on the sandbox network only', async () => {
    const { fake } = renderApp();
    expect((await screen.findByTestId('network-sandbox-badge')).textContent).toBe('训练环境（沙箱网络）');
    act(() => fake.emit('network.status', { ...ONLINE, network: 'gateway' }));
    expect(screen.queryByTestId('network-sandbox-badge')).toBeNull();
  });

  it('switches labels to English and back, and remembers the choice in Dexie', async () => {
    const { fake } = renderApp();
    expect((await screen.findByTestId('case-new')).textContent).toBe('新建案件');
    expect(screen.getByTestId('header-officer').textContent).toContain('承办法官');
    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(screen.getByTestId('case-new').textContent).toBe('New case');
    expect(screen.getByTestId('case-import').textContent).toBe('Import from case management');
    expect(screen.getByTestId('header-officer').textContent).toContain('Judge');
    expect(document.documentElement.lang).toBe('en');
    act(() => fake.emit('network.status', { ...ONLINE, online: false }));
    expect(screen.getByTestId('network-offline-banner').textContent).toContain('The inquiry network is unreachable');
    await waitFor(async () => expect(await db.prefs.get('lang')).toEqual({ key: 'lang', value: 'en' }));
    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(screen.getByTestId('case-new').textContent).toBe('新建案件');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('starts in the stored language', async () => {
    await db.prefs.put({ key: 'lang', value: 'en' });
    renderApp();
    await waitFor(() => expect(screen.getByTestId('case-new').textContent).toBe('New case'));
  });

  it('shows errors in the judge language', async () => {
    const { fake } = renderApp();
    fake.handle('cases.importFromCourt', () => fail('NETWORK_DOWN'));
    fireEvent.click(await screen.findByTestId('lang-switch'));
    fireEvent.click(screen.getByTestId('case-import'));
    expect((await screen.findByTestId('case-import-error')).textContent).toBe(
      'The inquiry network is unreachable; cached results are shown',
    );
  });

  it('goes back to sign-in on session.locked and forgets the open case', async () => {
    const { fake } = renderApp();
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header-number');
    act(() => fake.emit('session.locked', { reason: 'idle' }));
    expect(screen.getByTestId('signin-form')).toBeTruthy();
    expect(screen.getByTestId('signin-notice').textContent).toContain('已锁定');
    expect(screen.queryByText(CASE_DETAIL.number)).toBeNull();
    expect(screen.queryByTestId('header-officer')).toBeNull();
  });

  it('signs out from the header', async () => {
    const { fake } = renderApp();
    fireEvent.click(await screen.findByTestId('signout'));
    await screen.findByTestId('signin-form');
    expect(fake.callsOf('session.signOut')).toHaveLength(1);
    expect(screen.queryByTestId('signin-notice')).toBeNull();
  });

  it('says in one line to reopen the address when the connection is refused', async () => {
    const connection = connectionCell('connecting');
    renderApp({ connection });
    await settle();
    act(() => connection.set('refused'));
    expect(screen.getByTestId('connection-refused').textContent).toContain('请打开 npm start 输出的地址');
    act(() => connection.set('open'));
    expect(screen.queryByTestId('connection-refused')).toBeNull();
  });

  it('shows the import count', async () => {
    const { fake } = renderApp();
    fake.handle('cases.importFromCourt', () => ok({ imported: 7, total: 312 }));
    await screen.findByTestId(`case-row-${CASE_DETAIL.number}`);
    fireEvent.click(screen.getByTestId('case-import'));
    expect((await screen.findByTestId('case-import-result')).textContent).toBe('已导入 7 件新案件（案件管理系统中共 312 件）');
    await waitFor(() => expect(fake.callsOf('cases.list').length).toBeGreaterThanOrEqual(2));
  });
});
