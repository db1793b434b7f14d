/**
 * Setting up the workstation, signing in and out, and giving another registered officer access.
 * Each window signs in for itself; a wrong password for another officer leaves the current
 * session as it was (his credentials are checked before anything is locked).
 */
import { AppFailure } from '../../../shared/app-failure';
import type { SecureStore } from '../../store';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { importDocket } from '../docket';
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
  return {
    current: (_input, { connection }) => sessions.forConnection(connection)?.officer ?? null,
    registeredOfficers: () => life.registered(),

    setUp: async ({ officerCode, password }, { connection }) => {
      if (d.vault.isSetUp()) throw new AppFailure('ALREADY_SET_UP');
      const register = await life.registered();
      const officer = register.find((o) => o.code === officerCode.trim());
      if (!officer) throw new AppFailure('OFFICER_NOT_REGISTERED', undefined, 'officerCode');
      const store = await d.vault.setUp({ officer, password, protection: d.protection() });
      store.officers.upsertMany(register);
      await takeRegisteredAccounts(d, store, officer.code);
      life.start(store, officer, connection);
      // The demo court's docket (or the court's own) comes in at once, so the list is not empty.
      await importDocket(d, store, officer).catch(() => undefined);
      return officer;
    },

    signIn: async ({ officerCode, password }, { connection }) => {
      if (!d.vault.isSetUp()) throw new AppFailure('NOT_SET_UP');
      const code = officerCode.trim();
      const current = sessions.current;
      if (current) {
        // checked against the open store first: a wrong password ends nothing
        await d.vault.verifyPassword(code, password);
        if (current.officer.code === code) {
          sessions.attach(connection);
          return current.officer;
        }
        await life.lock('signout');
      }
      const store = await d.vault.unlock(code, password);
      const officer = store.officers.get(code);
      if (!officer) {
        d.vault.lock();
        throw new AppFailure('BAD_CREDENTIALS');
      }
      life.start(store, officer, connection);
      return officer;
    },

    signOut: async () => {
      await life.lock('signout');
      return null;
    },

    addOfficer: async ({ officerCode, password }, { store }) => {
      const other = (await life.registered()).find((o) => o.code === officerCode.trim());
      if (!other) throw new AppFailure('OFFICER_NOT_REGISTERED', undefined, 'officerCode');
      store.officers.upsert(other);
      await d.vault.addOfficerSlot(other, password); // audited by the vault, as the acting officer
      return other;
    },
  };
}
