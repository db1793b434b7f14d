// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { OFFICER, OFFICER_2, fail } from './fake-api';
import { renderApp, resetAll } from './render-app';

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('first run and sign-in', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('sets up the workstation: officer from the register, his own enrolment code, password twice, then straight to the cases', async () => {
    const { fake } = renderApp({ setUp: false, signedIn: false });
    await screen.findByTestId('setup-form');
    await waitFor(() => expect(screen.getByTestId('setup-officer').querySelectorAll('option')).toHaveLength(3));
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect(screen.getByTestId('setup-officer-error').textContent).toBe('请选择干警');
    expect(screen.getByTestId('setup-password-error').textContent).toBe('密码太短，至少需要 8 位');
    expect(screen.getByTestId('setup-enrolment-code-error').textContent).toBe('请填写干警备案名单发给本人的登记码');
    type('setup-officer', OFFICER_2.code);
    type('setup-enrolment-code', ' CX68-3FDA ');
    type('setup-password', 'long-enough-1');
    type('setup-password2', 'long-enough-2');
    expect(screen.getByTestId('setup-password2-error').textContent).toBe('两次输入的密码不一致');
    type('setup-password2', 'long-enough-1');
    fireEvent.click(screen.getByTestId('setup-submit'));
    // setting up unlocks the new store with this password: no second sign-in
    await screen.findByTestId('case-search');
    expect(fake.callsOf('session.setUp')).toEqual([{ officerCode: OFFICER_2.code, enrolmentCode: 'CX68-3FDA', password: 'long-enough-1' }]);
    expect(screen.getByTestId('header-officer').textContent).toContain(OFFICER_2.name);
    expect(screen.queryByTestId('signin-form')).toBeNull();
  });

  it("shows main's setup refusal by the field it concerns", async () => {
    const { fake } = renderApp({ setUp: false, signedIn: false });
    fake.handle('session.setUp', () => fail('OFFICER_NOT_REGISTERED'));
    await waitFor(() => expect(screen.getByTestId('setup-officer').querySelectorAll('option')).toHaveLength(3));
    type('setup-officer', OFFICER.code);
    type('setup-enrolment-code', 'CX68-3FDA');
    type('setup-password', '12345678');
    type('setup-password2', '12345678');
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect((await screen.findByTestId('setup-officer-error')).textContent).toBe('该干警未在查控系统备案');
    fake.handle('session.setUp', () => fail('ENROLMENT_REFUSED'));
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect((await screen.findByTestId('setup-enrolment-code-error')).textContent).toBe('登记码不正确、已使用或已过期');
  });

  it('signs in, and shows wrong credentials beside the password', async () => {
    const { fake } = renderApp({ signedIn: false });
    await screen.findByTestId('signin-form');
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect(screen.getByTestId('signin-officer-error').textContent).toBe('请填写此项');
    expect(fake.callsOf('session.signIn')).toHaveLength(0);
    fake.handle('session.signIn', () => fail('BAD_CREDENTIALS'));
    type('signin-officer', ' F520103001 ');
    type('signin-password', 'wrong-password');
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect((await screen.findByTestId('signin-password-error')).textContent).toBe('干警编号或密码不正确');
    expect(fake.callsOf('session.signIn')).toEqual([{ officerCode: 'F520103001', password: 'wrong-password' }]);

    fake.handle('session.signIn', async () => ({ ok: true, value: OFFICER }));
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect((await screen.findByTestId('header-officer')).textContent).toContain(OFFICER.name);
    await screen.findByTestId('case-search');
    expect(fake.callsOf('network.status').length).toBeGreaterThanOrEqual(1);
  });

  it('shows sign-in errors in English when English is chosen', async () => {
    const { fake } = renderApp({ signedIn: false });
    await screen.findByTestId('signin-form');
    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(screen.getByTestId('signin-submit').textContent).toBe('Sign in');
    fake.handle('session.signIn', () => fail('BAD_CREDENTIALS'));
    type('signin-officer', 'F520103001');
    type('signin-password', 'x');
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect((await screen.findByTestId('signin-password-error')).textContent).toBe('Officer code or password is wrong');
  });
});
