/** Electron's side of the IPC contract: one ipcMain handler per call, sender checked first. */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { allCalls, channelName, EVENT_CHANNEL } from '../../shared/ipc/contract';
import { appError } from '../../shared/errors';
import { err } from '../../shared/result';
import type { Router } from '../ipc/router';
import { isTrustedSender } from './trusted-sender';

function trusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && isTrustedSender(frame.url, frame === event.sender.mainFrame);
}

/** Each window signs in for itself: its web contents' id names it to the router. */
export function connectionOf(contents: WebContents): string {
  return `window:${contents.id}`;
}

export function registerIpc(router: Router): void {
  for (const [group, method] of allCalls()) {
    ipcMain.handle(channelName(group, method), async (event, input: unknown) => {
      if (!trusted(event)) return err(appError('FORBIDDEN_SENDER'));
      return router(group, method, input, { transport: 'electron', connection: connectionOf(event.sender) });
    });
  }
}

/** An event goes only to a window signed in to the session. */
export function sendEvent(target: WebContents | undefined, event: string, payload: unknown, audience: ReadonlySet<string>): void {
  if (target && !target.isDestroyed() && audience.has(connectionOf(target))) target.send(EVENT_CHANNEL, { event, payload });
}
