/** One line when the link to the local service is down or its access token was refused. */
import { useSyncExternalStore } from 'react';
import type { Connection } from '../../api/connection';
import { useT } from '../../store/selectors';

export function ConnectionNotice({ connection }: { connection: Connection }) {
  const { t } = useT();
  const state = useSyncExternalStore(connection.subscribe, connection.get);
  if (state === 'refused') {
    return (
      <div className="banner banner-danger" role="alert" data-testid="connection-refused">
        {t.connection.refused}
      </div>
    );
  }
  if (state === 'reconnecting') {
    return (
      <div className="banner banner-info" role="status" data-testid="connection-reconnecting">
        {t.connection.reconnecting}
      </div>
    );
  }
  return null;
}
