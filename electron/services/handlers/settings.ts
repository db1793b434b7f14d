/**
 * The bureau's settings: everyone reads them; a chief or the director changes them, and the
 * court's receiving accounts only with a second chief or the director (docs/authority.md, "Four
 * eyes on the court's accounts").
 */
import { AppFailure } from '../../../shared/app-failure';
import { recordRefusal } from '../authority';
import type { FeatureHandlers } from '../context';
import { OWN_PROPOSAL } from '../../store/court-account-proposals';

export function settingsHandlers(): FeatureHandlers<'settings'> {
  return {
    get: (_input, { store }) => store.settings.all(),
    set: (patch, { store, officer }) => {
      if (patch.courtAccounts !== undefined) {
        throw new AppFailure('VALIDATION', {
          zh: '执行款专户不能在此直接修改：请提出变更申请，由另一名庭长或局长确认后生效',
          en: 'the court’s accounts are not changed here: propose the change; it takes effect when another chief or the director confirms it',
        }, 'courtAccounts');
      }
      return store.settings.update(patch, officer.code);
    },
    proposeCourtAccounts: ({ accounts, reason }, { store, officer }) => store.courtAccountProposals.propose(accounts, reason, officer.code),
    courtAccountProposals: (_input, { store }) => store.courtAccountProposals.pending(),
    confirmCourtAccounts: ({ proposalId }, ctx) => {
      const { store, officer } = ctx;
      if (store.courtAccountProposals.get(proposalId)?.proposedBy === officer.code) {
        throw recordRefusal(ctx, 'settings.confirmCourtAccounts', 'settings.courtAccounts', { ...OWN_PROPOSAL, reason: 'proposer' });
      }
      const proposal = store.courtAccountProposals.confirm(proposalId, officer.code);
      return { proposal, settings: store.settings.all() };
    },
    rejectCourtAccounts: ({ proposalId, note }, { store, officer }) => store.courtAccountProposals.reject(proposalId, officer.code, note),
  };
}
