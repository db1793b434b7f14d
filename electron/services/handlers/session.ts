/**
 * Setting up the workstation, enrolling officers with their own credentials, signing in and out,
 * password changes and removals (docs/keys.md, docs/authority.md). Each window signs in for
 * itself; a wrong password for another officer leaves the current session as it was (his
 * credential is checked before anything is locked).
 */
import { AppFailure } from '../../../shared/app-failure';
import type { Officer } from '../../../shared/domain/types';
import type { OfficerKeys, SecureStore } from '../../store';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { importDocket } from '../docket';
import { checkStanding, registerCredential, registerExistingKey } from '../enrolment';
import type { Lifecycle } from '../lifecycle';

/**
 * A new workstation starts with the receiving accounts the network registered for the court: the
 * only ones an agency pays a deduction into (a change later needs two senior officers).
 */
async function takeRegisteredAccounts(d: Deps, store: SecureStore, by: string): Promise<void> {
  if (store.settings.get('courtAccounts').length) return;
  const accounts = await d.client.courtAccounts(d.court).catch(() => []);
  if (accounts.length) store.settings.update({ courtAccounts: accounts.map((a, i) => ({ id: `court-account-${i + 1}`, ...a })) }, by);
}

export function sessionHandlers(d: Deps, life: Lifecycle): FeatureHandlers<'session'> {
  const { sessions } = life;

  /** The register's word at sign-in: a removed officer loses his access here, and the store is rekeyed without him. */
  async function admit(store: SecureStore, keys: OfficerKeys): Promise<Officer> {
    const standing = await checkStanding(d, store, keys);
    if (standing.kind === 'removed') {
      store.audit.append({ officer: keys.officer, action: 'session.refused', subject: `officer:${keys.officer}`, detail: { reason: 'register' } });
      const others = d.vault.enrolled().filter((e) => e.officer !== keys.officer);
      if (others.length) await d.vault.removeOfficer(keys.officer, 'register');
      d.vault.lock();
      throw new AppFailure('OFFICER_REMOVED');
    }
    const officer = standing.kind === 'ok' ? standing.officer : store.officers.get(keys.officer);
    if (!officer) {
      // enrolled while the store was locked, and the register cannot be asked who he is
      d.vault.lock();
      throw new AppFailure('NETWORK_DOWN', { zh: '首次在本机登录须连接查控网络，核对干警备案名单', en: 'the first sign-in here needs the network, to check the officer register' });
    }
    return officer;
  }

  return {
    current: (_input, { connection }) => sessions.forConnection(connection)?.officer ?? null,
    registeredOfficers: () => life.registered(),

    setUp: async ({ officerCode, enrolmentCode, password }, { connection }) => {
      if (d.vault.isSetUp()) throw new AppFailure('ALREADY_SET_UP');
      const code = officerCode.trim();
      const register = await life.registered();
      if (!register.some((o) => o.code === code)) throw new AppFailure('OFFICER_NOT_REGISTERED', undefined, 'officerCode');
      const { officer, credential, keys } = await registerCredential(d, code, enrolmentCode, password);
      const store = await d.vault.setUp({ officer, credential, protection: d.protection() });
      store.officers.upsertMany(register);
      store.officers.upsert(officer);
      await takeRegisteredAccounts(d, store, officer.code);
      life.start(store, officer, keys, connection);
      // The demo court's docket (or the court's own) comes in at once, so the list is not empty.
      await importDocket(d, store, officer).catch(() => undefined);
      return officer;
    },

    signIn: async ({ officerCode, password }, { connection }) => {
      if (!d.vault.isSetUp()) throw new AppFailure('NOT_SET_UP');
      const code = officerCode.trim();
      const current = sessions.current;
      if (current) {
        // his own credential first: a wrong password ends nothing
        await d.vault.openKeys(code, password);
        if (current.officer.code === code) {
          sessions.attach(connection);
          return current.officer;
        }
        await life.lock('signout');
      }
      const { store, keys } = await d.vault.unlock(code, password);
      const officer = await admit(store, keys);
      life.start(store, officer, keys, connection);
      return officer;
    },

    signOut: async () => {
      await life.lock('signout');
      return null;
    },

    enrol: async ({ officerCode, enrolmentCode, password }) => {
      if (!d.vault.isSetUp()) throw new AppFailure('NOT_SET_UP');
      const code = officerCode.trim();
      const known = d.vault.enrolled().find((e) => e.officer === code);
      const s = sessions.current;
      if (known && !known.legacy && !known.keyId && s?.officer.code === code) {
        // a credential renewed from the earlier keyring: his password proves him, the code registers his key
        const keys = await d.vault.openKeys(code, password);
        const keyId = await registerExistingKey(d, keys, enrolmentCode);
        await d.vault.setKeyId(code, keyId);
        s.keys = { ...s.keys, keyId };
        return s.officer;
      }
      if (known) throw new AppFailure('ALREADY_ENROLLED', undefined, 'officerCode');
      if (d.vault.protection() === 'passphrase' && !d.vault.isUnlocked()) {
        throw new AppFailure('STORE_LOCKED', { zh: '须由已在本机登记的干警先登录，再为新干警登记', en: 'an officer enrolled here must be signed in to enrol another' });
      }
      let registered;
      try {
        registered = await registerCredential(d, code, enrolmentCode, password);
      } catch (e) {
        // a refused enrolment is recorded where a store is open to record it (who tried, for whom)
        const s2 = sessions.current;
        if (s2?.store.isOpen && e instanceof AppFailure) {
          s2.store.audit.append({ officer: s2.officer.code, action: 'officer.enrolRefused', subject: `officer:${code}`, detail: { code: e.error.code } });
        }
        throw e;
      }
      await d.vault.enrol(registered.officer, registered.credential);
      return registered.officer;
    },

    changePassword: async ({ officerCode, oldPassword, newPassword }) => {
      await d.vault.changePassword(officerCode.trim(), oldPassword, newPassword);
      return null;
    },

    enrolled: (_input, { store }) =>
      d.vault.enrolled().flatMap((e) => {
        const o = store.officers.get(e.officer);
        return o ? [{ ...o, enrolledAt: e.createdAt, ...(e.keyId ? { keyId: e.keyId } : {}) }] : [];
      }),

    removeOfficer: async ({ officerCode }, { officer }) => {
      const code = officerCode.trim();
      if (code === officer.code) throw new AppFailure('VALIDATION', { zh: '不能撤销本人的登录权限', en: 'an officer cannot remove his own access' }, 'officerCode');
      await d.vault.removeOfficer(code, officer.code);
      return null;
    },
  };
}
