/**
 * Whether the signed-in officer's role may take an act (shared/authority/matrix.ts), as the reason
 * a button is disabled. Main decides with the case's access too and refuses with its own reason.
 */
import { permits, type Act } from '../../../../shared/authority/matrix';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

/** undefined when allowed; else why not, in the officer's language */
export function useBlocked(): (act: Act) => string | undefined {
  const role = useAppStore((s) => s.officer?.role);
  const { lang } = useT();
  return (act) => {
    if (!role) return undefined;
    const r = permits(act, role, 'act');
    return r.ok ? undefined : r[lang];
  };
}
