/**
 * The settings live in the URL fragment, so a copied link reopens the same page: for the optimizer
 * chapters `#ch=<problem>&c=<encoded experiment>`, for chapter 5 `#ch=digits-sweep&kind=..` (see
 * state/sweep-link). A link that cannot be read opens the defaults with a notice that says what
 * was wrong.
 */
import { PROBLEM_IDS, quote, type ProblemId } from '../catalog';
import { useChapter } from '../state/chapter-store';
import { useExperiment } from '../state/experiment-store';
import { decodeExperiment, encodeExperiment } from '../state/link-codec';
import { DEFAULT_SWEEP, SWEEP_CHAPTER, sweepFromParams, sweepToParams } from '../state/sweep-link';
import { useSweep } from '../state/sweep-store';

const DEFAULT_PROBLEM: ProblemId = 'rosenbrock-fit';
const unreadable = (why: string) => `This link could not be read: ${why} The default settings are open instead.`;

/** Reads the fragment into the stores; resolves once done. */
export async function loadFromUrl(hash = window.location.hash): Promise<void> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const ch = params.get('ch');
  const c = params.get('c');
  const store = useExperiment.getState();
  if (ch === SWEEP_CHAPTER) {
    useChapter.getState().setChapter(SWEEP_CHAPTER);
    const parsed = sweepFromParams(params);
    useSweep.getState().choose(parsed.ok ? parsed.choice : DEFAULT_SWEEP);
    if (!parsed.ok) store.setNotice(unreadable(parsed.error));
    return;
  }
  if (ch !== null && !(PROBLEM_IDS as readonly string[]).includes(ch)) {
    store.resetToDefaults(DEFAULT_PROBLEM);
    store.setNotice(unreadable(`there is no chapter ${quote(ch)}.`));
  } else if (c === null) {
    store.resetToDefaults((ch as ProblemId | null) ?? DEFAULT_PROBLEM);
  } else {
    const decoded = await decodeExperiment(c);
    if (decoded.ok) store.load(decoded.experiment);
    else {
      store.resetToDefaults((ch as ProblemId | null) ?? DEFAULT_PROBLEM);
      store.setNotice(unreadable(decoded.error));
    }
  }
  useChapter.getState().setChapter(useExperiment.getState().experiment.problem);
}

/** Keeps the fragment equal to the open chapter's settings (replaceState: no history entry per keystroke). */
export function syncUrl(): () => void {
  let latest = 0;
  const write = async () => {
    const ticket = ++latest;
    if (useChapter.getState().chapter === SWEEP_CHAPTER) {
      history.replaceState(null, '', `#${sweepToParams(useSweep.getState().choice)}`);
      return;
    }
    const { experiment } = useExperiment.getState();
    const c = await encodeExperiment(experiment);
    if (ticket === latest) history.replaceState(null, '', `#ch=${experiment.problem}&c=${c}`);
  };
  void write();
  const unsubscribe = [
    useExperiment.subscribe((s, prev) => s.experiment !== prev.experiment && void write()),
    useSweep.subscribe((s, prev) => s.choice !== prev.choice && void write()),
    useChapter.subscribe(() => void write()),
  ];
  return () => unsubscribe.forEach((u) => u());
}
