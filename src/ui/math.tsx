/**
 * KaTeX math, rendered into a span (katex.render, no React wrapper needed). A block formula is set
 * in display style but in KaTeX's inline mode, which may break the line after a top-level relation
 * or operator: on a phone it wraps instead of scrolling, so it never becomes a scroll box (which
 * the browser would make a tab stop).
 *
 * KaTeX and its stylesheet (about 80 KB gzipped) load with the first formula, not with the page;
 * until then the span holds the formula's TeX source, dimmed, so the text reads and nothing jumps
 * far when it is typeset.
 */
import { useEffect, useRef } from 'react';

type Katex = typeof import('katex').default;
let katex: Promise<Katex> | null = null;
const loadKatex = () => (katex ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => m.default));

export function TeX({ tex, block = false }: { tex: string; block?: boolean }) {
  const el = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let live = true;
    void loadKatex().then((k) => {
      const span = el.current;
      if (!live || !span) return;
      k.render(block ? `\\displaystyle ${tex}` : tex, span, { throwOnError: false });
      span.classList.remove('math-pending');
    });
    return () => {
      live = false;
    };
  }, [tex, block]);
  return (
    <span ref={el} className={`${block ? 'math-block' : 'math'} math-pending`}>
      {tex}
    </span>
  );
}
