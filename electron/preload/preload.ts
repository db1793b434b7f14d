/**
 * The one bridge (docs/architecture.md, principle 4): one method per call of the contract, plus `on` for events.
 * ipcRenderer itself and the IPC event object never reach the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { allCalls, channelName, EVENT_CHANNEL, type Api } from '../../shared/ipc/contract';

type Callable = (input: unknown) => Promise<unknown>;
const groups: Record<string, Record<string, Callable>> = {};
for (const [group, method] of allCalls()) {
  (groups[group] ??= {})[method] = (input: unknown) => ipcRenderer.invoke(channelName(group, method), input);
}

const api = {
  ...groups,
  on(event: string, listener: (payload: unknown) => void) {
    const handler = (_e: IpcRendererEvent, msg: { event: string; payload: unknown }) => {
      if (msg && msg.event === event) listener(msg.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
} as unknown as Api;

contextBridge.exposeInMainWorld('chakong', api);
