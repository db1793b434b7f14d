/**
 * The approvals inbox (docs/authority.md, "Approvals that cannot be forged"): the chief or the
 * director sees the deductions of his court waiting for him, whichever workstation decided them,
 * and approves one by signing its body with his own key (his password confirms), or refuses it
 * with a reason. The deciding workstation takes the decision back (`refresh`, and on a timer).
 */
import { AppFailure } from '../../../shared/app-failure';
import { maskId } from '../../../shared/ids/subject-id';
import type { ApprovalInboxItem } from '../../../shared/ipc/contract';
import type { ApprovalItem } from '../../engine/gateway-wire';
import { GatewayHttpError } from '../../engine/gateway-errors';
import { signText } from '../../gateway/ed25519';
import { signedText } from '../../gateway/measure-signatures';
import { pullApprovals } from '../approvals';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { isNetworkDown } from '../docket';

function toInbox(a: ApprovalItem): ApprovalInboxItem {
  const b = a.body as { subject?: { name?: string; idNumber?: string }; channel?: string; params?: { assetIdentifier?: string } };
  return {
    id: a.id, caseNumber: a.caseNumber, decidedBy: a.decidedBy, amount: a.amount, offeredAt: a.offeredAt, status: a.status,
    subject: `${b.subject?.name ?? ''}（${maskId(b.subject?.idNumber ?? '')}）`, channel: b.channel ?? '', assetIdentifier: b.params?.assetIdentifier ?? '',
  };
}

const unreachable = (e: unknown) => {
  if (isNetworkDown(e)) return new AppFailure('NETWORK_DOWN', { zh: '查控网络不可用，审批待联网后进行', en: 'the network is unreachable: approve once it is back' });
  if ((e as { kind?: string })?.kind === 'no_answer') {
    return new AppFailure('GATEWAY_TIMEOUT', { zh: '查控网关暂未应答，请稍后再试（已作出的审批不会重复）', en: 'the gateway did not answer in time: try again (an approval given is not given twice)' });
  }
  // the gateway's own code and message name the field or the rule, never personal data
  const why = e instanceof GatewayHttpError ? `（${e.httpStatus} ${e.gatewayCode}：${e.gatewayMessage}）` : '';
  return new AppFailure('GATEWAY_ERROR', { zh: `网关拒绝了审批请求${why}`, en: `the gateway refused the approval request${why}` });
};

export function approvalHandlers(d: Deps): FeatureHandlers<'approvals'> {
  return {
    inbox: async (_input, { officer }) => {
      try {
        return (await d.client.approvals({ officerCode: officer.code })).map(toInbox);
      } catch (e) {
        throw unreachable(e);
      }
    },
    decide: async ({ id, decision, reason, pin }, { session: s, store, officer }) => {
      await d.vault.verifyPassword(officer.code, pin);
      if (decision === 'refuse' && !reason?.trim()) throw new AppFailure('VALIDATION', { zh: '不予批准须说明理由', en: 'a refusal needs a reason' }, 'reason');
      if (!s.keys.keyId) throw new AppFailure('NOT_SIGNABLE');
      try {
        const item = await d.client.approval(id, { officerCode: officer.code });
        if (!item) throw new AppFailure('NOT_FOUND', { zh: '审批事项不存在', en: 'no such approval' });
        const signature = decision === 'approve'
          ? { role: 'approval' as const, officer: officer.code, keyId: s.keys.keyId, signature: signText(s.keys.signing, signedText(item.body)) }
          : undefined;
        const done = await d.client.decideApproval(id, { decision, ...(signature ? { signature } : {}), ...(reason ? { reason } : {}) }, { officerCode: officer.code });
        store.audit.append({
          officer: officer.code, action: `approval.${decision === 'approve' ? 'approved' : 'refused'}`, caseNumber: item.caseNumber,
          detail: { measureId: id, amount: item.amount, decidedBy: item.decidedBy, ...(reason ? { reason } : {}) },
        });
        return toInbox(done);
      } catch (e) {
        if (e instanceof AppFailure) throw e;
        throw unreachable(e);
      }
    },
    refresh: async (_input, { session: s }) => ({ moved: await pullApprovals(d, s) }),
  };
}
