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

export function registerIpc(router: Router): void {
  for (const [group, method] of allCalls()) {
    ipcMain.handle(channelName(group, method), async (event, input: unknown) => {
      if (!trusted(event)) return err(appError('FORBIDDEN_SENDER'));
      return router(group, method, input, { transport: 'electron' });
    });
  }
}

export function sendEvent(target: WebContents | undefined, event: string, payload: unknown): void {
  if (target && !target.isDestroyed()) target.send(EVENT_CHANNEL, { event, payload });
}
