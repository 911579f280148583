/** Tracks which fields of a cell hold a refused value, so the cell does not run with them. */
import { useCallback, useRef, useState } from 'react';

export function useValidity() {
  const [invalid, setInvalid] = useState<string[]>([]);
  const reporters = useRef(new Map<string, (valid: boolean) => void>());
  const report = useCallback((key: string) => {
    let f = reporters.current.get(key);
    if (!f) {
      // The same list when nothing changes, so a report that changes nothing renders nothing.
      f = (valid: boolean) => setInvalid((xs) => (valid === !xs.includes(key) ? xs : valid ? xs.filter((x) => x !== key) : [...xs, key]));
      reporters.current.set(key, f);
    }
    return f;
  }, []);
  const blocked = invalid.length ? `Fix ${invalid.join(', ')} first: a refused value is never run.` : null;
  return { report, blocked };
}
