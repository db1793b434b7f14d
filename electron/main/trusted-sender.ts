/**
 * Which frames may call the IPC API (docs/architecture.md, principle 5, VS Code's validatedIpcMain): only the main frame of
 * our own window, showing our own origin. Parsed with URL, never by string prefix. No Electron
 * import, so the rule is tested in plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  if (!isMainFrame || !frameUrl) return false;
  let u: URL;
  try {
    u = new URL(frameUrl);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** Navigation inside the window is only ever to our own pages. */
export function isAllowedNavigation(target: string): boolean {
  return isTrustedSender(target, true);
}
