/**
 * The experiment lives in the URL fragment, `#ch=<problem>&c=<encoded experiment>`: a copied link
 * reopens the same experiment. A link that cannot be read opens the defaults with a notice that
 * says what was wrong.
 */
import { PROBLEM_IDS, type ProblemId } from '../catalog';
import { useExperiment } from '../state/experiment-store';
import { decodeExperiment, encodeExperiment } from '../state/link-codec';

const DEFAULT_PROBLEM: ProblemId = 'rosenbrock-fit';

/** Reads the fragment into the experiment store; resolves once done. */
export async function loadFromUrl(hash = window.location.hash): Promise<void> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const ch = params.get('ch');
  const c = params.get('c');
  const store = useExperiment.getState();
  if (ch !== null && !(PROBLEM_IDS as readonly string[]).includes(ch)) {
    store.resetToDefaults(DEFAULT_PROBLEM);
    store.setNotice(`This link could not be read: there is no chapter "${ch}". The default settings are open instead.`);
    return;
  }
  if (c === null) return store.resetToDefaults((ch as ProblemId | null) ?? DEFAULT_PROBLEM);
  const decoded = await decodeExperiment(c);
  if (decoded.ok) store.load(decoded.experiment);
  else {
    store.resetToDefaults((ch as ProblemId | null) ?? DEFAULT_PROBLEM);
    store.setNotice(`This link could not be read: ${decoded.error} The default settings are open instead.`);
  }
}

/** Keeps the fragment equal to the current experiment (replaceState: no history entry per keystroke). */
export function syncUrl(): () => void {
  let latest = 0;
  const write = async () => {
    const ticket = ++latest;
    const { experiment } = useExperiment.getState();
    const c = await encodeExperiment(experiment);
    if (ticket === latest) history.replaceState(null, '', `#ch=${experiment.problem}&c=${c}`);
  };
  void write();
  return useExperiment.subscribe((s, prev) => {
    if (s.experiment !== prev.experiment) void write();
  });
}
