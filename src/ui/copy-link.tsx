/** Copy link: the page's address, which holds the open chapter's settings, to the clipboard (or shown, to copy by hand). */
import { useState } from 'react';

/** `leavesOut`: what the link does not carry, when it leaves something out (a fit's large table). */
export function CopyLink({ leavesOut = null }: { leavesOut?: string | null }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(leavesOut ? `Link copied, without ${leavesOut}.` : 'Link copied.');
    } catch {
      setCopied(`Copy this link${leavesOut ? ` (it leaves out ${leavesOut})` : ''}: ${window.location.href}`);
    }
  };
  return (
    <>
      <button type="button" onClick={copy}>Copy link</button>
      <span className="copied" role="status">{copied}</span>
    </>
  );
}
