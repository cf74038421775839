import { useEffect, useState } from 'react';
import { isCareMode, onCareModeChange, setCareMode } from '../utils/care-mode';

/** Care mode (关怀模式) as a page sees it; pages below the home page follow a switch made there. */
export function useCareMode() {
  const [on, setOn] = useState(isCareMode);
  useEffect(() => {
    setOn(isCareMode());
    return onCareModeChange(setOn);
  }, []);
  return { on, set: setCareMode };
}
