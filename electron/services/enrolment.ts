/**
 * Enrolment (docs/keys.md): an officer gets access to a workstation only with a secret that only
 * he has — the one-time enrolment code the network's officer register handed him — and chooses his
 * own password. His signing key is registered with the register, which answers who he is (name,
 * court, role, team) and the key's id; nothing is written before the register has said yes. At
 * sign-in, when the register can be reached, it is asked again: a removed officer (or a revoked
 * key) loses his access here, a demoted one acts in his new role.
 */
import { AppFailure } from '../../shared/app-failure';
import type { Officer } from '../../shared/domain/types';
import type { OfficerCredential, OfficerKeys, SecureStore } from '../store';
import { GatewayHttpError, isGatewayFailure } from '../engine/gateway-errors';
import type { Deps } from './deps';
import { isNetworkDown } from './docket';

/** The register's refusal of an enrolment, in the judge's words. */
function enrolmentFailure(e: unknown): AppFailure {
  if (isNetworkDown(e)) return new AppFailure('NETWORK_DOWN', { zh: '登记须连接查控网络（干警备案名单）', en: 'enrolment needs the network’s officer register' });
  if (e instanceof GatewayHttpError && e.gatewayCode === 'ENROLMENT_REFUSED') return new AppFailure('ENROLMENT_REFUSED', undefined, 'enrolmentCode');
  if (e instanceof GatewayHttpError && e.gatewayCode === 'OFFICER_NOT_REGISTERED') return new AppFailure('OFFICER_NOT_REGISTERED', undefined, 'officerCode');
  if (isGatewayFailure(e)) return new AppFailure('GATEWAY_ERROR', { zh: '干警备案名单返回错误', en: 'the officer register answered with an error' });
  return e instanceof AppFailure ? e : new AppFailure('INTERNAL');
}

/** A credential made and registered: the officer as the register knows him, his keys with their id. */
export async function registerCredential(d: Deps, officerCode: string, enrolmentCode: string, password: string): Promise<{ officer: Officer; credential: OfficerCredential; keys: OfficerKeys }> {
  const { credential, keys } = await d.vault.createCredential(officerCode, password);
  let answer;
  try {
    answer = await d.client.enrol({ officerCode, enrolmentCode: enrolmentCode.trim(), signingPublicKey: credential.signingPublicKey });
  } catch (e) {
    throw enrolmentFailure(e);
  }
  const o = answer.officer;
  if (o.code !== officerCode || o.court !== d.court) {
    throw new AppFailure('OFFICER_NOT_REGISTERED', { zh: `该干警不是本院（${d.court}）备案干警`, en: `the officer is not registered for this court (${d.court})` }, 'officerCode');
  }
  const officer: Officer = { code: o.code, name: o.name, court: o.court, role: o.role, ...(o.team?.length ? { team: o.team } : {}) };
  return { officer, credential: { ...credential, keyId: answer.keyId }, keys: { ...keys, keyId: answer.keyId } };
}

/** Registers the signing key of a credential renewed from the earlier keyring format. */
export async function registerExistingKey(d: Deps, keys: OfficerKeys, enrolmentCode: string): Promise<string> {
  try {
    const answer = await d.client.enrol({ officerCode: keys.officer, enrolmentCode: enrolmentCode.trim(), signingPublicKey: keys.signingPublicKey });
    return answer.keyId;
  } catch (e) {
    throw enrolmentFailure(e);
  }
}

export type Standing = { kind: 'ok'; officer: Officer } | { kind: 'removed' } | { kind: 'unknown' };

/**
 * The register's word on an officer at sign-in: ok (with his role and team as they are now),
 * removed (out of the register, or his key revoked), or unknown (the register cannot be reached:
 * the workstation works on what it knew, as on a field trip).
 */
export async function checkStanding(d: Deps, store: SecureStore, keys: OfficerKeys): Promise<Standing> {
  let r;
  try {
    r = await d.client.officer(keys.officer, { timeoutMs: 3_000 });
  } catch (e) {
    if (e instanceof GatewayHttpError && e.httpStatus === 404) return { kind: 'removed' };
    return { kind: 'unknown' };
  }
  const key = keys.keyId ? r.keys.find((k) => k.keyId === keys.keyId) : undefined;
  if (r.status !== 'active' || r.court !== d.court || (keys.keyId && (!key || key.revokedAt))) return { kind: 'removed' };
  const officer: Officer = { code: r.code, name: r.name, court: r.court, role: r.role, ...(r.team?.length ? { team: r.team } : {}) };
  const before = store.officers.get(officer.code);
  store.officers.upsert(officer);
  if (before && (before.role !== officer.role || JSON.stringify(before.team ?? []) !== JSON.stringify(officer.team ?? []))) {
    store.audit.append({ officer: officer.code, action: 'officer.registerChanged', subject: `officer:${officer.code}`, detail: { role: { from: before.role, to: officer.role }, team: officer.team ?? [] } });
  }
  return { kind: 'ok', officer };
}
