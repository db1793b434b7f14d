/**
 * The words an exported sheet uses for the states and kinds it lists (docs/sheets.md), and the one
 * source of the asset and measure kinds' Chinese names for the window and main's messages. Kinds of
 * alert, channels and case types have their own sources (shared/domain/alert-labels.ts,
 * shared/domain/channels.ts, shared/ids/case-number.ts) and are imported from there.
 */
import type { AlertState } from '../domain/alerts';
import type { MeasureKind, MeasureState } from '../domain/measures';
import type { AssetKind, CaseStatus, FilingState } from '../domain/types';

export const ASSET_KIND_ZH: Readonly<Record<AssetKind, string>> = {
  deposit: '银行存款', online_funds: '网络资金', securities: '证券', wealth: '理财产品',
  real_estate: '不动产', vehicle: '车辆', equity: '股权', provident_fund: '住房公积金',
};

export const MEASURE_KIND_ZH: Readonly<Record<MeasureKind, string>> = { freeze: '冻结', renew: '续冻', unfreeze: '解除冻结', deduct: '扣划' };

export const MEASURE_STATE_ZH: Readonly<Record<MeasureState, string>> = {
  draft: '草稿', awaiting_approval: '待庭长审批', queued: '待发送', sent: '已发送', unknown: '结果未知，正在核实',
  executed: '已执行', rejected: '被拒绝', cancelled: '已撤回',
};

export const ALERT_STATE_ZH: Readonly<Record<AlertState, string>> = { open: '未处理', acknowledged: '已确认', done: '已处理' };

export const FILING_ZH: Readonly<Record<FilingState, string>> = { pending: '待案件管理系统确认', confirmed: '已确认', refused: '未获确认' };

export const CASE_STATUS_ZH: Readonly<Record<CaseStatus, string>> = { open: '在办', closed: '已结' };
