/** network.status: the engine's view when someone is signed in, else a health probe of the gateway. */
import type { NetworkStatus } from '../../../shared/domain/types';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import type { Sessions } from '../session';

export function networkHandlers(d: Deps, sessions: Sessions): FeatureHandlers<'network'> {
  return {
    status: async (): Promise<NetworkStatus> => {
      const s = sessions.current;
      if (s) return s.engine.checkNetwork();
      const checkedAt = d.now().toISOString();
      try {
        await d.client.health({ timeoutMs: 3000 });
        return { online: true, network: d.network, gatewayUrl: d.gatewayUrl, checkedAt };
      } catch {
        return { online: false, network: d.network, gatewayUrl: d.gatewayUrl, checkedAt, error: 'unreachable' };
      }
    },
  };
}
