/** app.info: what this workstation is, before anyone signs in. */
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';

export function appHandlers(d: Deps): FeatureHandlers<'app'> {
  return {
    info: () => ({
      version: d.version,
      mode: d.mode,
      network: d.network,
      gatewayUrl: d.gatewayUrl,
      setUp: d.vault.isSetUp(),
      keyProtection: d.vault.protection() ?? d.protection(),
    }),
  };
}
