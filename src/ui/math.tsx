/**
 * KaTeX math, rendered into a span (katex.render, no React wrapper needed). A block formula is set
 * in display style but in KaTeX's inline mode, which may break the line after a top-level relation
 * or operator: on a phone it wraps instead of scrolling, so it never becomes a scroll box (which
 * the browser would make a tab stop).
 */
import katex from 'katex';
import { useEffect, useRef } from 'react';

export function TeX({ tex, block = false }: { tex: string; block?: boolean }) {
  const el = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (el.current) katex.render(block ? `\\displaystyle ${tex}` : tex, el.current, { throwOnError: false });
  }, [tex, block]);
  return <span ref={el} className={block ? 'math-block' : 'math'} />;
}
