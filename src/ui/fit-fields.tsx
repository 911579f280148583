/**
 * Chapter 8's inputs: the table (typed, pasted, a file picked or dropped, or a preset), the model,
 * the column of uncertainties and how they count, and the start of each parameter. Each is checked
 * as it changes and its fault shown at its field (a table's with its row and column, a model's with
 * a caret). The experiment takes the fit only when the whole of it checks, so a run never starts on
 * one that does not; the fields keep the reader's text meanwhile, so nothing typed is lost.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { EXPERIMENT_FIELDS, fitPreset, fitPresets, presetFit, presetOfData, sameTable, type FitSettings } from '../catalog';
import { parseTable } from '../data/table';
import { checkFit } from '../formula/fit-check';
import { checkModel } from '../formula/problems';
import { useExperiment } from '../state/experiment-store';
import { MAX_LINK_NUMBERS } from '../state/link-codec';
import { FormulaInput } from './formula-input';
import { NumberField } from './number-field';
import { TableField } from './table-field';

type Data = FitSettings['data'];

/** A table as the box shows it: a header row, then a row per observation, comma separated (numbers in full). */
export function tableText({ names, columns }: Data): string {
  const rows = Array.from({ length: columns[0]?.length ?? 0 }, (_, i) => columns.map((c) => String(c[i])).join(', '));
  return [names.join(', '), ...rows].join('\n');
}

/** The parameters of a fit the experiment holds (its model checks against its columns, or it would not hold it). */
export function parametersOf(fit: FitSettings): string[] {
  const checked = checkModel(fit.model, fit.data.names);
  return checked.ok ? checked.value.parameters : [];
}

/** The start of new parameters: each keeps the value its name had before, a new one starts at 1. */
export function startFor(parameters: string[], before: string[], start: number[]): number[] {
  return parameters.map((p) => {
    const i = before.indexOf(p);
    return i >= 0 && i < start.length ? start[i] : 1;
  });
}

const sameFit = (a: FitSettings, b: FitSettings) => a.model === b.model && a.sigma === b.sigma && !!a.absoluteSigma === !!b.absoluteSigma && !a.omitted === !b.omitted && sameTable(a.data, b.data);

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function FitFields({ report }: { report(key: string): (valid: boolean) => void }) {
  const fit = useExperiment((s) => s.experiment.fit) as FitSettings;
  const start = useExperiment((s) => s.experiment.start);
  const [text, setText] = useState(() => tableText(fit.data));
  const [model, setModel] = useState(fit.model);
  const [sigma, setSigma] = useState(fit.sigma);
  const [absolute, setAbsolute] = useState(!!fit.absoluteSigma);
  const committed = useRef(fit);

  // A preset or a link changes the fit from outside the fields: they show it.
  useEffect(() => {
    if (fit === committed.current) return;
    committed.current = fit;
    setText(tableText(fit.data));
    setModel(fit.model);
    setSigma(fit.sigma);
    setAbsolute(!!fit.absoluteSigma);
  }, [fit]);

  // A large table is read again only once typing pauses.
  const deferredText = useDeferredValue(text);
  const table = useMemo(() => parseTable(deferredText), [deferredText]);
  const data = useMemo<Data | null>(() => (table.ok ? { names: table.table.names, columns: table.table.columns.map((c) => Array.from(c)) } : null), [table]);
  const names = data?.names ?? fit.data.names;
  const lines = useMemo(() => (table.ok ? table.table.lines : []), [table]);
  const checked = useMemo(() => (data ? checkFit({ model, data, sigma }, (i) => `row ${lines[i]}`) : null), [data, model, sigma, lines]);
  const fault = checked && !checked.ok ? checked.fault : null;
  const modelError = fault?.field === 'model' ? fault.error : data ? null : (() => { const m = checkModel(model, names); return m.ok ? null : m.error; })();
  const tableError = !table.ok
    ? { message: table.error.message, row: table.error.row || undefined }
    : fault?.field === 'data'
      ? { message: fault.message, row: fault.row === undefined ? undefined : lines[fault.row] }
      : null;
  const sigmaError = fault?.field === 'sigma' ? fault.message : null;

  const [tableOk, modelOk, sigmaOk] = [tableError === null, modelError === null, sigmaError === null];
  useEffect(() => report('the data')(tableOk), [tableOk, report]);
  useEffect(() => report('the model')(modelOk), [modelOk, report]);
  useEffect(() => report('sigma')(sigmaOk), [sigmaOk, report]);

  // The whole fit checks: the experiment takes it, each parameter keeping its start by name.
  useEffect(() => {
    if (!checked?.ok || !data) return;
    const next: FitSettings = { model, data, ...(sigma === undefined ? {} : { sigma }), absoluteSigma: absolute };
    const before = committed.current;
    if (sameFit(next, before)) return;
    committed.current = next;
    useExperiment.getState().setFit(next, startFor(checked.value.model.parameters, parametersOf(before), useExperiment.getState().experiment.start));
  }, [checked, data, model, sigma, absolute]);

  const preset = presetOfData(fit.data);
  const choose = (name: string) => {
    const p = fitPreset(name);
    if (p) useExperiment.getState().setFit(presetFit(p), [...p.starts[0]]);
  };
  const parameters = parametersOf(fit);
  const numbers = table.ok ? table.table.rows * names.length : 0;
  const tableSummary = table.ok
    ? `${plural(table.table.rows, 'row')} of ${plural(names.length, 'column')} (${names.join(', ')}), ${table.delimiter === 'whitespace' ? 'space' : table.delimiter === '\t' ? 'tab' : table.delimiter === ',' ? 'comma' : 'semicolon'} separated${table.header ? '' : ', no header: the columns are named c1, c2, ...'}.${numbers > MAX_LINK_NUMBERS ? ` Its ${numbers.toLocaleString('en-US')} numbers are more than a link carries (${MAX_LINK_NUMBERS.toLocaleString('en-US')}): the page's link holds the model and settings only.` : ''}`
    : null;
  const modelSummary = checked?.ok ? `Parameters ${checked.value.model.parameters.join(', ')}; predictor${checked.value.model.predictors.length === 1 ? '' : 's'} ${checked.value.model.predictors.join(', ') || '(none)'}.` : null;

  return (
    <div className="fit-fields">
      <div className="fit-presets">
        <label>
          Preset{' '}
          <select aria-label="Data preset" value={preset?.name ?? ''} onChange={(e) => choose(e.target.value)}>
            <option value="">{preset ? '' : 'your own'}</option>
            {fitPresets().map((p) => (
              <option key={p.name} value={p.name}>
                {p.nist ? `NIST ${p.name} (${p.nist.difficulty} difficulty)` : p.name}
              </option>
            ))}
          </select>
        </label>
        {preset?.nist &&
          preset.starts.map((s, k) => (
            <button key={k} type="button" onClick={() => useExperiment.getState().setFit(fit, [...s])} title={s.join(', ')}>
              NIST start {k + 1}
            </button>
          ))}
      </div>
      {fit.omitted !== undefined && (
        <p className="notice">This link left out the table&rsquo;s {fit.omitted.toLocaleString('en-US')} numbers (a link carries at most a few thousand): paste or open the data again.</p>
      )}
      <TableField text={text} onText={setText} error={tableError} summary={tableSummary} />
      <FormulaInput label="Model" name="Model" text={model} onText={setModel} error={modelError} summary={modelSummary} />
      <div className="experiment-fields">
        <label className="sigma">
          Uncertainties σ{' '}
          <select aria-label="Uncertainties" value={sigma ?? ''} aria-invalid={sigmaError !== null} onChange={(e) => setSigma(e.target.value || undefined)}>
            <option value="">none (every row weighs the same)</option>
            {names.map((n) => (
              <option key={n} value={n}>column {n}</option>
            ))}
          </select>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={absolute} onChange={(e) => setAbsolute(e.target.checked)} />
          σ is absolute (the covariance is not scaled by the residual variance)
        </label>
        {sigmaError && <p className="field-error" role="alert">{sigmaError}</p>}
      </div>
      <div className="experiment-fields">
        {parameters.map((p, i) => (
          <NumberField
            key={p}
            name={`Start ${p}`}
            spec={{ ...EXPERIMENT_FIELDS.start, label: `Start ${p}`, tex: `${p}_0` }}
            value={start[i]}
            onCommit={(v) => useExperiment.getState().setStart(i, v)}
            onValidity={report(`Start ${p}`)}
          />
        ))}
      </div>
    </div>
  );
}
