/**
 * Window hardening in one place (docs/architecture.md, principle 8): deny navigation away from our origin, redirects,
 * new windows, <webview> and every permission request but full screen, for every web contents ever created.
 */
import { app, session, type WebContents } from 'electron';
import { isAllowedNavigation } from './trusted-sender';

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function installSecurity(): void {
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents));
  // Only full screen, which hearing mode asks for; camera, microphone, notifications, … are refused.
  session.defaultSession.setPermissionRequestHandler((_wc, perm, callback) => callback(perm === 'fullscreen'));
  session.defaultSession.setPermissionCheckHandler((_wc, perm) => perm === 'fullscreen');
}
