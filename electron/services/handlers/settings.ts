/** The bureau's settings: everyone reads them; a chief or the director changes them (docs/authority.md). */
import type { FeatureHandlers } from '../context';

export function settingsHandlers(): FeatureHandlers<'settings'> {
  return {
    get: (_input, { store }) => store.settings.all(),
    set: (patch, { store, officer }) => store.settings.update(patch, officer.code),
  };
}
