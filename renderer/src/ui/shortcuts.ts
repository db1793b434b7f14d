/**
 * The one list of keyboard shortcuts (docs/keyboard.md): each key, what it does in both languages and
 * where it works. The handlers test a key with `matches(id, e)` and the `?` overlay lists this table,
 * so the help can never say something the keys do not do.
 */
import { hasModifier } from './keys';

/** Where a shortcut works, in the order the help lists them. */
export const SHORTCUT_SCOPES = ['desk', 'caseList', 'workspace', 'tabs', 'hearing', 'calendar', 'dialog', 'palette'] as const;
export type ShortcutScope = (typeof SHORTCUT_SCOPES)[number];

export const SCOPE_NAMES: Record<ShortcutScope, { zh: string; en: string }> = {
  desk: { zh: '登录后任何页面（输入框中除外）', en: 'Anywhere once signed in (not while typing)' },
  caseList: { zh: '案件列表', en: 'Case list' },
  workspace: { zh: '案件工作台', en: 'Case workspace' },
  tabs: { zh: '标签页', en: 'Tabs' },
  hearing: { zh: '庭审模式', en: 'Hearing mode' },
  calendar: { zh: '期满日历', en: 'Expiry calendar' },
  dialog: { zh: '对话框（新建案件、文书、审批、发送）', en: 'Dialogs (new case, document, approval, send)' },
  palette: { zh: '命令面板', en: 'Command palette' },
};

/** One key: `mod` is Ctrl on Windows and Linux, ⌘ on macOS; keys are compared without case. */
export interface KeyCombo {
  key: string;
  mod?: 'ctrl';
}

export interface Shortcut {
  id: string;
  keys: readonly KeyCombo[];
  scope: ShortcutScope;
  zh: string;
  en: string;
}

const k = (key: string, mod?: 'ctrl'): KeyCombo => (mod ? { key, mod } : { key });

export const SHORTCUTS = [
  { id: 'palette.open', keys: [k('k', 'ctrl')], scope: 'desk', zh: '命令面板：查找案件、执行操作（输入框中也可用）', en: 'Command palette: find a case, run an action (also while typing)' },
  { id: 'help.open', keys: [k('?')], scope: 'desk', zh: '查看全部快捷键', en: 'List every shortcut' },
  { id: 'desk.calendar', keys: [k('r')], scope: 'desk', zh: '打开期满日历', en: 'Open the expiry calendar' },
  { id: 'desk.back', keys: [k('Escape')], scope: 'desk', zh: '离开待发措施、日历、设置等页面，回到案件', en: 'Leave the outbox, calendar, settings … for the cases' },

  { id: 'list.search', keys: [k('/')], scope: 'caseList', zh: '搜索案号、当事人', en: 'Search by case number or party' },
  { id: 'list.move', keys: [k('ArrowDown'), k('ArrowUp')], scope: 'caseList', zh: '上下移动选中行', en: 'Move the highlighted row' },
  { id: 'list.page', keys: [k('PageDown'), k('PageUp')], scope: 'caseList', zh: '翻页（15 行）', en: 'Move by a page (15 rows)' },
  { id: 'list.open', keys: [k('Enter')], scope: 'caseList', zh: '打开选中的案件', en: 'Open the highlighted case' },
  { id: 'list.toggle', keys: [k(' ')], scope: 'caseList', zh: '勾选或取消勾选选中的案件', en: 'Tick or untick the highlighted case' },
  { id: 'list.selectAll', keys: [k('a', 'ctrl')], scope: 'caseList', zh: '全选当前筛选出的案件', en: 'Tick every case of the filtered list' },
  { id: 'list.clearSelection', keys: [k('Escape')], scope: 'caseList', zh: '清除勾选', en: 'Clear the ticks' },

  { id: 'ws.query', keys: [k('q'), k('Enter', 'ctrl')], scope: 'workspace', zh: '一键查询', en: 'Query every channel' },
  { id: 'ws.freeze', keys: [k('f')], scope: 'workspace', zh: '打开冻结；在冻结页再按：发送冻结', en: 'Open freeze; on the freeze tab: send the freeze' },
  { id: 'ws.deduct', keys: [k('d')], scope: 'workspace', zh: '打开扣划', en: 'Open deduction' },
  { id: 'ws.credit', keys: [k('c')], scope: 'workspace', zh: '打开信用惩戒', en: 'Open credit sanctions' },
  { id: 'ws.restrict', keys: [k('l')], scope: 'workspace', zh: '打开限制消费', en: 'Open consumption restriction' },
  { id: 'ws.hearing', keys: [k('h')], scope: 'workspace', zh: '进入庭审模式', en: 'Enter hearing mode' },
  { id: 'ws.back', keys: [k('Escape')], scope: 'workspace', zh: '返回案件列表', en: 'Back to the case list' },

  { id: 'tabs.switch', keys: [k('ArrowLeft'), k('ArrowRight')], scope: 'tabs', zh: '切换到前一个、后一个标签', en: 'Previous or next tab' },

  { id: 'hearing.exit', keys: [k('h'), k('Escape')], scope: 'hearing', zh: '退出庭审模式', en: 'Leave hearing mode' },
  { id: 'hearing.prev', keys: [k('ArrowLeft')], scope: 'hearing', zh: '上一个账户', en: 'Previous account' },
  { id: 'hearing.next', keys: [k('ArrowRight')], scope: 'hearing', zh: '下一个账户', en: 'Next account' },

  { id: 'calendar.renewAll', keys: [k('r')], scope: 'calendar', zh: '续冻所列全部冻结（先列出，确认后发送）', en: 'Renew every freeze listed (listed first, sent on confirmation)' },

  { id: 'dialog.close', keys: [k('Escape')], scope: 'dialog', zh: '关闭对话框（或先收回所提问题）', en: 'Close the dialog (or first withdraw its question)' },

  { id: 'palette.move', keys: [k('ArrowDown'), k('ArrowUp')], scope: 'palette', zh: '上下选择', en: 'Move the choice' },
  { id: 'palette.run', keys: [k('Enter')], scope: 'palette', zh: '打开案件或执行操作', en: 'Open the case or run the action' },
  { id: 'palette.close', keys: [k('Escape')], scope: 'palette', zh: '关闭面板，回到原处', en: 'Close the palette, back where you were' },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

const BY_ID = new Map<string, Shortcut>(SHORTCUTS.map((s) => [s.id, s]));

export function shortcut(id: ShortcutId): Shortcut {
  return BY_ID.get(id)!;
}

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>;

function comboMatches(c: KeyCombo, e: KeyLike): boolean {
  if (e.key.toLowerCase() !== c.key.toLowerCase()) return false;
  if (c.mod === 'ctrl') return (e.ctrlKey || e.metaKey) && !e.altKey;
  return !hasModifier(e);
}

/** Whether the key pressed is one of this shortcut's keys (modifiers included). */
export function matches(id: ShortcutId, e: KeyLike): boolean {
  return shortcut(id).keys.some((c) => comboMatches(c, e));
}

const KEY_NAMES: Record<string, string> = {
  ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc', ' ': 'Space', PageDown: 'PgDn', PageUp: 'PgUp',
};

/** How a key is written on screen: "Ctrl+K / ⌘K", "Q", "Esc". */
export function comboText(c: KeyCombo): string {
  const name = KEY_NAMES[c.key] ?? (c.key.length === 1 ? c.key.toUpperCase() : c.key);
  return c.mod === 'ctrl' ? `Ctrl+${name} / ⌘${name}` : name;
}

/** The keys of a shortcut as shown in the help and on buttons: "Q · Ctrl+Enter / ⌘Enter". */
export function keyText(id: ShortcutId): string {
  return shortcut(id).keys.map(comboText).join(' · ');
}

/** The first key, for a label on a button ("F"). */
export function firstKeyText(id: ShortcutId): string {
  return comboText(shortcut(id).keys[0]!);
}

/** aria-keyshortcuts: "Control+K Meta+K", "H Escape". */
export function ariaKeys(id: ShortcutId): string {
  return shortcut(id)
    .keys.flatMap((c) => {
      const key = c.key === ' ' ? 'Space' : c.key.length === 1 ? c.key.toUpperCase() : c.key;
      return c.mod === 'ctrl' ? [`Control+${key}`, `Meta+${key}`] : [key];
    })
    .join(' ');
}
