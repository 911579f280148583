/**
 * The notebook's keys, for a lecturer at the keyboard: Space runs or pauses the open lab, S takes
 * a step, R resets, P presents the lab full screen, ? lists them. A key acts by pressing the lab's own button (marked
 * data-shortcut), so it does what the button does and nothing a disabled button would not; keys
 * typed into a field stay the field's. What a key did is said in a live region.
 */
import { useEffect, useRef, useState } from 'react';
import { useView } from '../state/view-store';
import { togglePresenting } from './lab';

export const SHORTCUTS = [
  ['Space', 'run, or pause and resume'],
  ['S', 'take one step'],
  ['R', 'reset'],
  ['P', 'present: the lab full screen (Esc leaves)'],
  ['?', 'show or hide this list'],
] as const;

/** The lab's enabled button for an action, if there is one. */
function button(action: 'run' | 'pause' | 'step' | 'reset' | 'present'): HTMLButtonElement | null {
  const b = document.querySelector<HTMLButtonElement>(`main [data-shortcut="${action}"]`);
  return b && !b.disabled ? b : null;
}

/**
 * Whether a key pressed here belongs to what has focus: every key of a field or a list; Space of a
 * button, link, checkbox or radio (it presses it). A letter typed on a focused button (the Run all
 * just clicked) is still the page's.
 */
function ownKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const toggle = target instanceof HTMLInputElement && ['checkbox', 'radio', 'button'].includes(target.type);
  if (target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName) || (target.tagName === 'INPUT' && !toggle)) return true;
  return key === 'Space' && (toggle || ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName));
}

export function Shortcuts() {
  const [help, setHelp] = useState(false);
  const [said, setSaid] = useState('');
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const press = (b: HTMLButtonElement | null, what: string) => {
      if (!b) return setSaid(`${what}: not available now.`);
      b.click();
      setSaid(`${b.textContent?.trim() ?? what}.`);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (e.key === 'Escape') {
        setHelp(false);
        if (useView.getState().presenting) togglePresenting();
        return;
      }
      const key = e.key === ' ' ? 'Space' : e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (ownKey(e.target, key)) return;
      if (key === '?') setHelp((h) => !h);
      else if (key === 'Space') press(button('pause') ?? button('run'), 'Run');
      else if (key === 's') press(button('step'), 'Step');
      else if (key === 'r') press(button('reset'), 'Reset');
      else if (key === 'p') press(button('present'), 'Present');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (help) close.current?.focus();
  }, [help]);

  return (
    <>
      <span className="visually-hidden" role="status" aria-label="Keyboard">{said}</span>
      {help && (
        <div className="shortcuts" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
          <h2>Keyboard shortcuts</h2>
          <dl>
            {SHORTCUTS.map(([key, what]) => (
              <div key={key}>
                <dt>
                  <kbd>{key}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
          <p className="hint">They act on the open chapter&rsquo;s lab, not while you type in a field. Esc closes this list.</p>
          <button type="button" ref={close} onClick={() => setHelp(false)}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
