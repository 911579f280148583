// Reads one NIST StRD nonlinear regression file (.dat, as NIST publishes it) into the problem and
// its certified answers, so a fit can be scored against them. Pure text in, numbers out (no Vite
// imports here: Node tooling can use it too). The files are ours and fixed, so a file that does not
// read as NIST's format is a bug: parseNist throws, naming what it could not find.

export type NistDifficulty = 'lower' | 'average' | 'higher';

export interface NistProblem {
  /** As in 'Dataset Name:', e.g. 'Misra1a'. */
  readonly name: string;
  /** From the 'Data:' block, e.g. 'Lower Level of Difficulty' gives 'lower'. */
  readonly difficulty: NistDifficulty;
  /** The model as NIST writes it, lines joined by one space, without the trailing '+ e': 'y = b1*(1-exp[-b2*x])'. */
  readonly model: string;
  /** Parameter names in file order: b1, b2, ... */
  readonly parameters: readonly string[];
  /** Start 1 (far from the solution) and Start 2 (near), one value per parameter. */
  readonly start1: readonly number[];
  readonly start2: readonly number[];
  /** Certified parameter values and their certified standard deviations. */
  readonly certified: readonly number[];
  readonly certifiedSd: readonly number[];
  readonly residualSumOfSquares: number;
  readonly residualSd: number;
  readonly degreesOfFreedom: number;
  readonly observations: number;
  /** From the 'Data:' header line above the observations, e.g. ['y', 'x']. */
  readonly columnNames: readonly string[];
  /** One column per name, `observations` long. */
  readonly columns: readonly Float64Array[];
}

/** A number as NIST prints it: 92.9000E0, .500E0, -1.3927397867E-01, 0.00001, 500. */
const NUM = '[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?';
const NUMBER = new RegExp(`^${NUM}$`);
const PARAMETER = new RegExp(`^\\s*(b\\d+)\\s*=\\s*(${NUM})\\s+(${NUM})\\s+(${NUM})\\s+(${NUM})\\s*$`);
const DATA_HEADER = /^Data:((?:\s+[A-Za-z_][A-Za-z0-9_]*)+)\s*$/;
const MODEL_END = /\s*\+\s*e\s*$/;

function fail(what: string): never {
  throw new Error(`Not a NIST StRD nonlinear regression file: ${what}.`);
}

/** The number after `label` on its line, e.g. 'Residual Sum of Squares:   1.2455138894E-01'. */
function labelled(lines: readonly string[], label: string): number {
  const line = lines.find((l) => l.trimStart().startsWith(label));
  const text = line?.trimStart().slice(label.length).trim() ?? '';
  if (!NUMBER.test(text)) fail(`no number after '${label}'`);
  return Number(text);
}

/** The model: from the first line of the 'Model:' block with an '=', through the line ending '+ e'. */
function model(lines: readonly string[]): string {
  const start = lines.findIndex((l) => l.startsWith('Model:'));
  if (start === -1) fail("no 'Model:' block");
  let at = start + 1;
  while (at < lines.length && !lines[at].includes('=')) at++;
  const parts: string[] = [];
  for (; at < lines.length; at++) {
    const line = lines[at].trim();
    if (line === '') fail("the model does not end with '+ e'");
    if (MODEL_END.test(line)) {
      parts.push(line.replace(MODEL_END, ''));
      return parts.join(' ');
    }
    parts.push(line);
  }
  return fail('no model');
}

function difficulty(lines: readonly string[]): NistDifficulty {
  for (const line of lines) {
    const m = /\b(Lower|Average|Higher) Level of Difficulty\b/.exec(line);
    if (m) return m[1].toLowerCase() as NistDifficulty;
  }
  return fail('no level of difficulty');
}

/** Parses the text of a NIST StRD nonlinear regression .dat file (LF or CRLF line breaks). */
export function parseNist(text: string): NistProblem {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const name = /^Dataset Name:\s+(\S+)/.exec(lines.find((l) => l.startsWith('Dataset Name:')) ?? '')?.[1] ?? fail("no 'Dataset Name:'");

  const parameters: string[] = [];
  const start1: number[] = [];
  const start2: number[] = [];
  const certified: number[] = [];
  const certifiedSd: number[] = [];
  for (const line of lines) {
    const m = PARAMETER.exec(line);
    if (!m) continue;
    parameters.push(m[1]);
    start1.push(Number(m[2]));
    start2.push(Number(m[3]));
    certified.push(Number(m[4]));
    certifiedSd.push(Number(m[5]));
  }
  const declared = /(\d+)\s+Parameters?\b/.exec(lines.find((l) => /\d+\s+Parameters?\b/.test(l)) ?? '');
  if (parameters.length === 0 || !declared || Number(declared[1]) !== parameters.length) {
    fail(`${parameters.length} parameter lines, but the model block says ${declared?.[1] ?? 'nothing'}`);
  }
  parameters.forEach((p, i) => {
    if (p !== `b${i + 1}`) fail(`parameter ${i + 1} is named ${p}`);
  });

  const observations = labelled(lines, 'Number of Observations:');
  const headerAt = lines.findIndex((l) => DATA_HEADER.test(l));
  if (headerAt === -1) fail("no 'Data:' line naming the columns");
  const columnNames = lines[headerAt].slice('Data:'.length).trim().split(/\s+/);
  const rows: number[][] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const cells = line.split(/\s+/);
    if (cells.length !== columnNames.length || !cells.every((c) => NUMBER.test(c))) fail(`line ${i + 1} is not ${columnNames.length} numbers`);
    rows.push(cells.map(Number));
  }
  if (rows.length !== observations) fail(`${rows.length} rows of data, but ${observations} observations`);
  const columns = columnNames.map((_, c) => Float64Array.from(rows, (row) => row[c]));

  return {
    name,
    difficulty: difficulty(lines),
    model: model(lines),
    parameters,
    start1,
    start2,
    certified,
    certifiedSd,
    residualSumOfSquares: labelled(lines, 'Residual Sum of Squares:'),
    residualSd: labelled(lines, 'Residual Standard Deviation:'),
    degreesOfFreedom: labelled(lines, 'Degrees of Freedom:'),
    observations,
    columnNames,
    columns,
  };
}
