/**
 * `?`: every keyboard shortcut, by where it works, read from the one table
 * (renderer/src/ui/shortcuts.ts). Esc, ? or 关闭 close it; focus goes back where it was.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { keyText, matches, SCOPE_NAMES, SHORTCUT_SCOPES, SHORTCUTS } from '../../ui/shortcuts';
import { useReturnFocus } from './use-return-focus';

export function ShortcutHelp() {
  const open = useAppStore((s) => s.shortcutHelpOpen);
  return open ? <HelpDialog /> : null;
}

function HelpDialog() {
  const { t, lang } = useT();
  const setOpen = useAppStore((s) => s.setShortcutHelpOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  useReturnFocus();
  useEffect(() => closeRef.current?.focus(), []);

  const onKey = (e: KeyboardEvent) => {
    // the list has the keyboard: nothing reaches the page's own shortcuts
    e.stopPropagation();
    if (matches('dialog.close', e) || matches('help.open', e)) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="overlay" onKeyDown={onKey} onMouseDown={(e) => e.target === e.currentTarget && setOpen(false)}>
      <div className="dialog shortcut-help" role="dialog" aria-modal="true" aria-labelledby="shortcut-help-title" data-testid="shortcut-help">
        <div className="doc-toolbar">
          <h2 id="shortcut-help-title">{t.shortcutHelp.title}</h2>
          <span className="toolbar-spacer" />
          <button type="button" className="btn btn-quiet" ref={closeRef} data-testid="shortcut-help-close" onClick={() => setOpen(false)}>
            {t.shortcutHelp.close}
          </button>
        </div>
        {SHORTCUT_SCOPES.map((scope) => (
          <table key={scope} className="shortcut-table" data-testid={`shortcut-scope-${scope}`}>
            <caption>{SCOPE_NAMES[scope][lang]}</caption>
            <thead>
              <tr>
                <th scope="col">{t.shortcutHelp.key}</th>
                <th scope="col">{t.shortcutHelp.does}</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.filter((s) => s.scope === scope).map((s) => (
                <tr key={s.id} data-testid={`shortcut-${s.id}`}>
                  <td>
                    <kbd>{keyText(s.id)}</kbd>
                  </td>
                  <td>{s[lang]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </div>
  );
}
