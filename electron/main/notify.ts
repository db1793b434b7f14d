/**
 * The desktop notification of an alert raised (主动预警): thin Electron glue. It names the case and
 * the kind only — the operating system may keep notifications on disk, and personal data never
 * goes there in plaintext. Clicking it brings the window forward, where the badge and list show it.
 */
import { Notification, type BrowserWindow } from 'electron';
import type { AlertView } from '../../shared/ipc/groups/alerts';
import { alertNotification } from '../../shared/domain/alert-labels';

export function notifyAlert(event: string, payload: unknown, window: () => BrowserWindow | undefined): void {
  if (event !== 'alert.raised' || !Notification.isSupported()) return;
  const alert = (payload as { alert: AlertView }).alert;
  const n = new Notification({ ...alertNotification(alert), silent: false });
  n.on('click', () => {
    const w = window();
    if (w && !w.isDestroyed()) {
      if (w.isMinimized()) w.restore();
      w.focus();
    }
  });
  n.show();
}
