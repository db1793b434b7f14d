/** Session: what the workstation is (set up or not), who is signed in, and the lock. */
import type { AppError } from '../../../../shared/errors';
import type { CallOutput, EnrolledOfficerView } from '../../../../shared/ipc/contract';
import type { Officer } from '../../../../shared/domain/types';
import type { Result } from '../../../../shared/result';
import { openUiDbEarly } from '../../db/ui-db';
import { api } from '../api-holder';
import type { SliceCreator } from '../types';

export type AppInfo = CallOutput<'app', 'info'>;
export type LockReason = 'idle' | 'signout';

export interface SessionData {
  bootState: 'loading' | 'ready' | 'failed';
  bootError: AppError | null;
  appInfo: AppInfo | null;
  officer: Officer | null;
  registeredOfficers: Officer[] | null;
  registeredError: AppError | null;
  lockedReason: LockReason | null;
  /** set after first-run setup, to greet the sign-in screen with the officer chosen */
  setupOfficerCode: string | null;
  /** the officers who can sign in on this workstation (settings) */
  enrolledOfficers: EnrolledOfficerView[] | null;
}

export interface SessionSlice extends SessionData {
  boot(): Promise<void>;
  loadRegisteredOfficers(): Promise<void>;
  setUp(officerCode: string, enrolmentCode: string, password: string): Promise<Result<Officer>>;
  signIn(officerCode: string, password: string): Promise<Result<Officer>>;
  signOut(): Promise<void>;
  /** another registered officer enrols himself here with his own one-time code and password */
  enrol(officerCode: string, enrolmentCode: string, password: string): Promise<Result<Officer>>;
  loadEnrolled(): Promise<void>;
  removeOfficer(officerCode: string): Promise<Result<null>>;
  changePassword(oldPassword: string, newPassword: string): Promise<Result<null>>;
  /** main locked the store (sign-out or idle): forget everything about cases, back to sign-in */
  locked(reason: LockReason): void;
}

export const sessionInitial: SessionData = {
  bootState: 'loading',
  bootError: null,
  appInfo: null,
  officer: null,
  registeredOfficers: null,
  registeredError: null,
  lockedReason: null,
  setupOfficerCode: null,
  enrolledOfficers: null,
};

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get) => ({
  ...sessionInitial,

  async boot() {
    set({ bootState: 'loading', bootError: null });
    // independent of one another, so issued together: the two calls go out in one flush once the
    // link is up (the bridge holds calls until its hello), and IndexedDB opens meanwhile
    openUiDbEarly();
    const [info, cur] = await Promise.all([api().app.info({}), api().session.current({})]);
    if (!info.ok) {
      set({ bootState: 'failed', bootError: info.error });
      return;
    }
    set({ appInfo: info.value });
    if (info.value.setUp) {
      if (cur.ok && cur.value) {
        set({ officer: cur.value });
        void get().refreshNetwork();
        void get().loadDesk();
      }
    }
    set({ bootState: 'ready' });
  },

  async loadRegisteredOfficers() {
    set({ registeredError: null });
    const r = await api().session.registeredOfficers({});
    if (r.ok) set({ registeredOfficers: r.value });
    else set({ registeredError: r.error, registeredOfficers: [] });
  },

  async setUp(officerCode, enrolmentCode, password) {
    const r = await api().session.setUp({ officerCode, enrolmentCode: enrolmentCode.trim(), password });
    if (r.ok) {
      const info = get().appInfo;
      // Setting up signs the officer in: the store was just unlocked with this password.
      set({ appInfo: info ? { ...info, setUp: true } : info, setupOfficerCode: null, officer: r.value, lockedReason: null });
      void get().refreshNetwork();
      void get().loadDesk();
    }
    return r;
  },

  async signIn(officerCode, password) {
    const r = await api().session.signIn({ officerCode, password });
    if (r.ok) {
      set({ officer: r.value, lockedReason: null, setupOfficerCode: null });
      void get().refreshNetwork();
      void get().loadDesk();
    }
    return r;
  },

  async enrol(officerCode, enrolmentCode, password) {
    return api().session.enrol({ officerCode: officerCode.trim(), enrolmentCode: enrolmentCode.trim(), password });
  },

  async loadEnrolled() {
    const r = await api().session.enrolled({});
    if (r.ok) set({ enrolledOfficers: r.value });
  },

  async removeOfficer(officerCode) {
    const r = await api().session.removeOfficer({ officerCode });
    if (r.ok) await get().loadEnrolled();
    return r;
  },

  async changePassword(oldPassword, newPassword) {
    const me = get().officer;
    return api().session.changePassword({ officerCode: me?.code ?? '', oldPassword, newPassword });
  },

  async signOut() {
    await api().session.signOut({});
    get().locked('signout');
  },

  locked(reason) {
    get().clearCaseData();
    get().clearDesk();
    get().closeDocument();
    set({ officer: null, lockedReason: reason, enrolledOfficers: null });
  },
});
