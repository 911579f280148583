/**
 * Copy link: the page's address, which holds the open chapter's settings, to the clipboard (or
 * shown, to copy by hand); and whether opening it starts the runs, for a link handed to a class.
 */
import { useState } from 'react';
import { useChapter } from '../state/chapter-store';

/** `leavesOut`: what the link does not carry, when it leaves something out (a fit's large table). */
export function CopyLink({ leavesOut = null }: { leavesOut?: string | null }) {
  const [copied, setCopied] = useState<string | null>(null);
  const autostart = useChapter((s) => s.autostart);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(leavesOut ? `Link copied, without ${leavesOut}.` : 'Link copied.');
    } catch {
      setCopied(`Copy this link${leavesOut ? ` (it leaves out ${leavesOut})` : ''}: ${window.location.href}`);
    }
  };
  return (
    <span className="copy-link">
      <button type="button" onClick={copy}>Copy link</button>
      <label className="toggle autostart" title="Whoever opens the link sees the runs start at once, instead of empty charts: for a link handed to a class">
        <input type="checkbox" checked={autostart} onChange={(e) => useChapter.getState().setAutostart(e.target.checked)} />
        start on open
      </label>
      <span className="copied" role="status">{copied}</span>
    </span>
  );
}
