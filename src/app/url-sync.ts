/**
 * The settings live in the URL fragment, so a copied link reopens the same page: `#ch=<chapter>`
 * and the chapter's settings, as its lab writes them (an optimizer race: `&c=<encoded experiment>`;
 * chapter 5: readable fields, state/sweep-link), and `&run=1` when opening it starts the runs.
 * A link that cannot be read opens the defaults with a notice that says what was wrong (and starts
 * nothing).
 *
 * History: opening a chapter from the contents pushes an entry; edits replace it. Back, Forward and
 * a link pasted into the open tab load what the address then says.
 */
import { chapterInfo, DEFAULT_POINT, DIGITS_CURVATURE_DEFAULTS, FIRST_CHAPTER, pointSettingsFault, isChapterId, quote, type ChapterId, type Experiment } from '../catalog';
import { useChapter } from '../state/chapter-store';
import { checkFit, faultMessage } from '../formula/fit-check';
import { checkFunction, checkModel, checkPointFunction } from '../formula/problems';
import { useFitReports } from '../state/fit-report-store';
import { useExperiment } from '../state/experiment-store';
import { decodeExperiment, encodeExperiment } from '../state/link-codec';
import { runRace, useRace } from '../state/race-store';
import { useRuns } from '../state/runs-store';
import { DEFAULT_SWEEP, sweepFromParams, sweepToParams } from '../state/sweep-link';
import { pointFromParams, pointToParams } from '../state/point-link';
import { usePoint } from '../state/point-store';
import { useInspect } from '../state/inspect-store';
import { digitsCellFromParams, digitsCellToParams } from '../state/digits-cell-link';
import { useDigitsCell } from '../state/digits-cell-store';
import { useSweep, useSweepChoice } from '../state/sweep-store';

const unreadable = (why: string) => `This link could not be read: ${why} The default settings are open instead.`;

/** Puts a chapter's default settings in the stores. */
function loadDefaults(id: ChapterId) {
  const { lab } = chapterInfo(id);
  useChapter.getState().setAutostart(false);
  if (lab.kind === 'digits') useSweepChoice.getState().choose(DEFAULT_SWEEP);
  else if (lab.kind === 'curvature') {
    usePoint.getState().set(DEFAULT_POINT);
    useDigitsCell.getState().set(DIGITS_CURVATURE_DEFAULTS);
  }
  else useExperiment.getState().resetToDefaults(lab.problem);
  useChapter.getState().setChapter(id);
}

/** Reads a fragment into the stores (a bad one: the defaults and a notice); resolves once done. */
export async function loadFromUrl(hash = window.location.hash): Promise<void> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const ch = params.get('ch') ?? FIRST_CHAPTER;
  const notice = (why: string) => useExperiment.getState().setNotice(unreadable(why));
  if (!isChapterId(ch)) {
    loadDefaults(FIRST_CHAPTER);
    return notice(`there is no chapter ${quote(ch)}.`);
  }
  const { lab } = chapterInfo(ch);
  loadDefaults(ch);
  const autostart = () => useChapter.getState().setAutostart(params.get('run') === '1');
  if (lab.kind === 'digits') {
    const parsed = sweepFromParams(params);
    if (!parsed.ok) return notice(parsed.error);
    useSweepChoice.getState().choose(parsed.choice);
    return autostart();
  }
  if (lab.kind === 'curvature') {
    const parsed = pointFromParams(params);
    if (!parsed.ok) return notice(parsed.error);
    const f = checkPointFunction(parsed.settings.f);
    if (!f.ok) return notice(`its function does not read: ${f.error.message}.`);
    const fault = pointSettingsFault(parsed.settings, f.value.variables);
    if (fault) return notice(fault);
    const digits = digitsCellFromParams(params);
    if (!digits.ok) return notice(digits.error);
    usePoint.getState().set(parsed.settings);
    useDigitsCell.getState().set(digits.settings);
    return autostart();
  }
  const c = params.get('c');
  if (c === null) return autostart();
  const decoded = await decodeExperiment(c);
  if (!decoded.ok) return notice(decoded.error);
  if (decoded.experiment.problem !== lab.problem) return notice(`its settings are for ${quote(decoded.experiment.problem)}, not this chapter's problem.`);
  const fault = readerProblemFault(decoded.experiment);
  if (fault) return notice(fault);
  useExperiment.getState().load(decoded.experiment);
  autostart();
}

/**
 * Why a link's formula or fit cannot be opened, or null: the page commits only what checks, so a
 * link that does not was not written by it. A fit whose table the link left out opens without it.
 */
function readerProblemFault(e: Experiment): string | null {
  if (e.formula !== undefined) {
    const f = checkFunction(e.formula);
    if (!f.ok) return `its formula does not read: ${f.error.message}.`;
  }
  if (!e.fit) return null;
  let parameters: string[];
  if (e.fit.omitted !== undefined) {
    const model = checkModel(e.fit.model, e.fit.data.names);
    if (!model.ok) return `its model does not read: ${model.error.message}.`;
    parameters = model.value.parameters;
  } else {
    const fit = checkFit(e.fit);
    if (!fit.ok) return `its fit does not check: ${faultMessage(fit.fault).replace(/\.$/, '')}.`;
    parameters = fit.value.model.parameters;
  }
  return e.start.length === parameters.length ? null : `its start has ${e.start.length} numbers for the model's ${parameters.length} parameters.`;
}

/** The fragment of the open chapter's settings. */
export async function currentLink(): Promise<string> {
  const { chapter: id, autostart } = useChapter.getState();
  const run = autostart ? '&run=1' : '';
  if (chapterInfo(id).lab.kind === 'digits') return `#ch=${id}&${sweepToParams(useSweepChoice.getState().choice)}${run}`;
  if (chapterInfo(id).lab.kind === 'curvature') return `#ch=${id}&${pointToParams(usePoint.getState().settings)}&${digitsCellToParams(useDigitsCell.getState().settings)}${run}`;
  return `#ch=${id}&c=${await encodeExperiment(useExperiment.getState().experiment)}${run}`;
}

/**
 * Starts the open chapter's runs when its link asks to (`run=1`) and they can run: not after a
 * notice (the link was not read), nor on a fit whose table the link left out.
 */
function startIfAsked() {
  const { chapter, autostart } = useChapter.getState();
  const { notice, experiment } = useExperiment.getState();
  if (!autostart || notice) return;
  if (chapterInfo(chapter).lab.kind === 'digits') runRace();
  else if (chapterInfo(chapter).lab.kind === 'curvature') usePoint.getState().compute();
  else if (experiment.fit?.omitted === undefined) useRuns.getState().runAll(experiment);
}

/** Stops whatever the page computes (runs, a sweep, a race): a new chapter or link starts afresh. */
function stopJobs() {
  useRuns.getState().reset();
  useSweep.getState().reset();
  useRace.getState().reset();
  useFitReports.getState().reset();
  useInspect.getState().reset();
}

/** Chooses the backend of an optimizer chapter (chapter 5 picks its own when a job starts). */
function chooseBackend() {
  const { lab } = chapterInfo(useChapter.getState().chapter);
  if (lab.kind !== 'digits' && lab.kind !== 'curvature') useRuns.getState().setBackend(useExperiment.getState().experiment.backend, lab.problem);
}

/** The next write of the fragment: a new history entry (opening a chapter) or in place (an edit). */
let nextWrite: 'push' | 'replace' = 'replace';
/** The fragment last written or loaded, so that an event about it is not taken for a navigation. */
let shown = '';

/** Opens a chapter with its defaults, as a new history entry. */
export function openChapter(id: ChapterId) {
  stopJobs();
  useExperiment.getState().setNotice(null);
  nextWrite = 'push';
  loadDefaults(id);
  chooseBackend();
  window.scrollTo({ top: 0 });
}

/** Loads the address's fragment (Back, Forward, a pasted link) unless it is the one shown. */
async function follow() {
  if (window.location.hash === shown) return;
  shown = window.location.hash;
  stopJobs();
  useExperiment.getState().setNotice(null);
  await loadFromUrl(shown);
  chooseBackend();
  startIfAsked();
}

/**
 * Keeps the fragment equal to the open chapter's settings, and follows the address when it
 * changes from outside. Call after loadFromUrl; returns the unsubscribe function.
 */
export function syncUrl(): () => void {
  let latest = 0;
  const write = async () => {
    const ticket = ++latest;
    const link = await currentLink();
    if (ticket !== latest) return;
    if (link !== window.location.hash || nextWrite === 'push') {
      if (nextWrite === 'push') history.pushState(null, '', link);
      else history.replaceState(null, '', link);
    }
    nextWrite = 'replace';
    shown = window.location.hash;
  };
  shown = window.location.hash;
  void write();
  const onNavigate = () => void follow();
  window.addEventListener('popstate', onNavigate);
  window.addEventListener('hashchange', onNavigate);
  const unsubscribe = [
    useExperiment.subscribe((s, prev) => s.experiment !== prev.experiment && void write()),
    useSweepChoice.subscribe((s, prev) => s.choice !== prev.choice && void write()),
    usePoint.subscribe((s, prev) => s.settings !== prev.settings && void write()),
    useDigitsCell.subscribe((s, prev) => s.settings !== prev.settings && void write()),
    useChapter.subscribe((s, prev) => (s.chapter !== prev.chapter || s.autostart !== prev.autostart) && void write()),
  ];
  return () => {
    unsubscribe.forEach((u) => u());
    window.removeEventListener('popstate', onNavigate);
    window.removeEventListener('hashchange', onNavigate);
  };
}

/** Start-up: the address's settings, the link kept in step, the backend of the open chapter. */
export async function startFromUrl(): Promise<void> {
  await loadFromUrl();
  syncUrl();
  chooseBackend();
  startIfAsked();
}
