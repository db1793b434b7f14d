/** Network: is the inquiry network reachable, and is it the sandbox. */
import type { NetworkStatus } from '../../../../shared/domain/types';
import { api } from '../api-holder';
import type { SliceCreator } from '../types';

export interface NetworkData {
  network: NetworkStatus | null;
}

export interface NetworkSlice extends NetworkData {
  setNetwork(status: NetworkStatus): void;
  refreshNetwork(): Promise<void>;
}

export const networkInitial: NetworkData = { network: null };

export const createNetworkSlice: SliceCreator<NetworkSlice> = (set) => ({
  ...networkInitial,
  setNetwork(status) {
    set({ network: status });
  },
  async refreshNetwork() {
    const r = await api().network.status({});
    if (r.ok) set({ network: r.value });
  },
});
