/**
 * Says plainly when the inquiry network is down: cached results are shown, queries wait. A gateway
 * whose certificate cannot be verified is said apart: no outage, the administrator must act.
 */
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

export function NetworkBanner() {
  const { t } = useT();
  const offline = useAppStore((s) => s.network !== null && !s.network.online);
  const certificate = useAppStore((s) => s.network?.certificate === true);
  if (!offline) return null;
  if (certificate) {
    return (
      <div className="banner banner-danger" role="alert" data-testid="network-certificate-banner">
        {t.network.certificate}
      </div>
    );
  }
  return (
    <div className="banner banner-warn" role="status" data-testid="network-offline-banner">
      {t.network.offline}
    </div>
  );
}
