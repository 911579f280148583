/** KaTeX math, rendered into a span (katex.render, no React wrapper needed). */
import katex from 'katex';
import { useEffect, useRef } from 'react';

export function TeX({ tex, block = false }: { tex: string; block?: boolean }) {
  const el = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (el.current) katex.render(tex, el.current, { throwOnError: false, displayMode: block });
  }, [tex, block]);
  return <span ref={el} className={block ? 'math-block' : 'math'} />;
}
