/** An overlay takes the focus while open and gives it back, on close, to where it was (if still on the page). */
import { useEffect } from 'react';

export function useReturnFocus(): void {
  useEffect(() => {
    const was = document.activeElement;
    return () => {
      if (was instanceof HTMLElement && was.isConnected) was.focus();
    };
  }, []);
}
