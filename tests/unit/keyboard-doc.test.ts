/** docs/keyboard.md lists exactly the shortcuts of renderer/src/ui/shortcuts.ts, with their keys and words. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyText, matches, SHORTCUTS, type ShortcutId } from '../../renderer/src/ui/shortcuts';

const doc = readFileSync(path.resolve(__dirname, '../../docs/keyboard.md'), 'utf8');
const rows = doc.split('\n').filter((l) => /^\| `[a-z]+\.[A-Za-z]+` \|/.test(l));
const cells = (l: string) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim().replace(/\\\|/g, '|'));

describe('the shortcut table', () => {
  it('docs/keyboard.md has one row per shortcut, with its keys and its words in both languages', () => {
    expect(rows.map((l) => cells(l)[0]!.replace(/`/g, ''))).toEqual(SHORTCUTS.map((s) => s.id));
    for (const s of SHORTCUTS) {
      const row = rows.find((l) => l.startsWith(`| \`${s.id}\` |`))!;
      expect(cells(row)).toEqual([`\`${s.id}\``, keyText(s.id), s.zh, s.en]);
    }
  });

  it('ids are unique, and a key matches with its modifier only', () => {
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
    const key = (k: string, mod: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mod });
    const id = (x: ShortcutId) => x;
    expect(matches(id('palette.open'), key('k', { ctrlKey: true }))).toBe(true);
    expect(matches(id('palette.open'), key('K', { metaKey: true }))).toBe(true);
    expect(matches(id('palette.open'), key('k'))).toBe(false);
    expect(matches(id('ws.query'), key('Q'))).toBe(true);
    expect(matches(id('ws.query'), key('q', { altKey: true }))).toBe(false);
    expect(matches(id('ws.query'), key('Enter', { ctrlKey: true }))).toBe(true);
    expect(matches(id('ws.query'), key('Enter'))).toBe(false);
    expect(matches(id('help.open'), key('?', { shiftKey: true }))).toBe(true);
    expect(matches(id('list.search'), key('?'))).toBe(false);
  });
});
