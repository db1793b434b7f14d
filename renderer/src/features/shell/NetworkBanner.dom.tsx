/** Says plainly when the inquiry network is down: cached results are shown, queries wait. */
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

export function NetworkBanner() {
  const { t } = useT();
  const offline = useAppStore((s) => s.network !== null && !s.network.online);
  if (!offline) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="network-offline-banner">
      {t.network.offline}
    </div>
  );
}
