/**
 * A lab on one screen: a bar with Run / Pause / Step / Reset that stays in reach (sticky), the
 * controls beside the charts (the controls column scrolls on its own), and the charts large and
 * central. On a phone the columns stack and the controls fold into a panel the bar opens.
 * Presentation mode puts the bar, controls and charts over the whole screen at projector sizes.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useView } from '../state/view-store';

const PHONE = '(max-width: 700px)';

interface Props {
  /** The run controls and anything that belongs beside them (status, the x-axis). */
  bar: ReactNode;
  /** The experiment's settings; a lab whose settings live elsewhere (chapter 5's race) has none. */
  controls?: ReactNode;
  charts: ReactNode;
}

export function Lab({ bar, controls, charts }: Props) {
  const presenting = useView((s) => s.presenting);
  const [folded, setFolded] = useState(() => typeof matchMedia === 'function' && matchMedia(PHONE).matches);
  const controlsId = useId();
  const section = useRef<HTMLElement>(null);
  const barRef = useRef<HTMLDivElement>(null);

  // The controls column sticks under the bar, whose height changes as it wraps.
  useEffect(() => {
    const bar = barRef.current;
    if (!bar || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => section.current?.style.setProperty('--bar-height', `${bar.offsetHeight}px`));
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);

  // Leaving the browser's full screen (Esc) leaves presentation mode too.
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) useView.getState().setPresenting(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  return (
    <section ref={section} id="lab" className={`lab${presenting ? ' presenting' : ''}${controls ? '' : ' charts-only'}`} aria-label="Lab">
      <div className="lab-bar" ref={barRef}>
        {bar}
        <span className="lab-bar-end">
          {controls && (
            <button type="button" className="fold" aria-expanded={!folded} aria-controls={controlsId} onClick={() => setFolded(!folded)}>
              Settings
            </button>
          )}
          <PresentButton />
        </span>
      </div>
      {controls && (
        <div className={`lab-controls${folded ? ' folded' : ''}`} id={controlsId}>
          {controls}
        </div>
      )}
      <div className="lab-charts">{charts}</div>
    </section>
  );
}

/** Enters or leaves presentation mode (key P); the whole page goes full screen when the browser allows. */
export function PresentButton() {
  const presenting = useView((s) => s.presenting);
  return (
    <button type="button" data-shortcut="present" aria-pressed={presenting} onClick={() => togglePresenting()} title={presenting ? 'Leave presentation mode (P or Esc)' : 'Show the lab full screen at projector sizes (P)'}>
      {presenting ? 'Exit presentation' : 'Present'}
    </button>
  );
}

export function togglePresenting() {
  const next = !useView.getState().presenting;
  useView.getState().setPresenting(next);
  // Full screen is a nicety: refused (no user gesture, an iframe, a phone), the overlay still covers the page.
  if (next && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => {});
  if (!next && document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
  if (next) document.getElementById('lab')?.scrollTo({ top: 0 });
}

/**
 * After Run all: the lab's top is brought to the top of the screen when it is below it, so the
 * bar and the first charts are in view together. A reader already inside the lab stays put.
 */
export function showLab() {
  const lab = document.getElementById('lab');
  if (!lab || useView.getState().presenting) return;
  const top = lab.getBoundingClientRect().top;
  if (top <= 8) return;
  const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  lab.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
}
