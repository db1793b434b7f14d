/** Applies the stored language preference (Dexie, read with useLiveQuery) and the html lang. */
import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { savedLang } from '../../db/ui-db';
import { htmlLang } from '../../i18n/dict';
import { useAppStore } from '../../store';

export function LangSync() {
  const stored = useLiveQuery(savedLang, []);
  const lang = useAppStore((s) => s.lang);
  const setLang = useAppStore((s) => s.setLang);

  useEffect(() => {
    if (stored) setLang(stored, { persist: false });
  }, [stored, setLang]);

  useEffect(() => {
    document.documentElement.lang = htmlLang(lang);
  }, [lang]);

  return null;
}
