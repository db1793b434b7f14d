/**
 * What a handler receives besides its parsed input (docs/architecture.md §4): the router has already
 * enforced the call's policy, so a handler of a signed-in act gets the officer and his session,
 * and one of a case act gets the case itself, with the access the officer has to it. Handler
 * types are derived from the contract: a feature's handler object is typed by its group.
 */
import type { CaseAccess } from '../../shared/authority/matrix';
import type { Officer } from '../../shared/domain/types';
import type { CallOutput, Group, MethodOf, ParsedInput, PolicyOf } from '../../shared/ipc/contract';
import type { SecureStore } from '../store';
import type { StoredCase } from '../store/cases';
import type { ActiveSession } from './session';

/** Any call: where it came from. */
export interface PublicCtx {
  transport: 'electron' | 'host';
  connection: string;
}

/** A signed-in act: the officer, his session and the open store. */
export interface OfficerCtx extends PublicCtx {
  officer: Officer;
  session: ActiveSession;
  store: SecureStore;
}

/** An act on one case: the case as stored, and how far the officer may go with it. */
export interface CaseCtx extends OfficerCtx {
  case: StoredCase;
  access: CaseAccess;
}

/** An act that may or may not name a case. */
export interface OptionalCaseCtx extends OfficerCtx {
  case: StoredCase | undefined;
  access: CaseAccess | undefined;
}

/** An act on several records at once (renew-all): every case they belong to, each allowed. */
export interface CasesCtx extends OfficerCtx {
  cases: StoredCase[];
}

export type CtxFor<P> = P extends { act: 'public' }
  ? PublicCtx
  : P extends { case: 'freezeIds' | 'caseIds' }
    ? CasesCtx
    : P extends { caseOptional: true }
      ? OptionalCaseCtx
      : P extends { case: string }
        ? CaseCtx
        : OfficerCtx;

export type Handler<G extends Group, M extends MethodOf<G>> = (
  input: ParsedInput<G, M>,
  ctx: CtxFor<PolicyOf<G, M>>,
) => Promise<CallOutput<G, M>> | CallOutput<G, M>;

/** A feature's handlers: one per call of its group of the contract. */
export type FeatureHandlers<G extends Group> = { [M in MethodOf<G>]: Handler<G, M> };

export type AllHandlers = { [G in Group]: FeatureHandlers<G> };
