import { describe, expect, it } from 'vitest';
import { loadNist, NIST_DATASETS, nistText, parseNist, type NistName } from './nist';
import { parseTable } from './table';

interface Expected {
  model: string;
  start1: number[];
  start2: number[];
  certified: number[];
  certifiedSd: number[];
  rss: number;
  rsd: number;
  dof: number;
  n: number;
  first: [number, number];
  last: [number, number];
}

/** Typed in from the .dat files (the model line(s), the b lines, the summary, data lines 61 and last). */
const EXPECTED: Record<NistName, Expected> = {
  Misra1a: {
    model: 'y = b1*(1-exp[-b2*x])',
    start1: [500, 0.0001],
    start2: [250, 0.0005],
    certified: [2.3894212918e2, 5.5015643181e-4],
    certifiedSd: [2.7070075241, 7.2668688436e-6],
    rss: 1.2455138894e-1,
    rsd: 1.018787633e-1,
    dof: 12,
    n: 14,
    first: [10.07, 77.6],
    last: [81.78, 760.0],
  },
  Chwirut2: {
    // NIST's own Chwirut2.dat writes exp[-b1*x]; the copy shipped here writes exp(-b1*x), kept verbatim.
    model: 'y = exp(-b1*x)/(b2+b3*x)',
    start1: [0.1, 0.01, 0.02],
    start2: [0.15, 0.008, 0.01],
    certified: [1.6657666537e-1, 5.1653291286e-3, 1.2150007096e-2],
    certifiedSd: [3.830328681e-2, 6.6621605126e-4, 1.5304234767e-3],
    rss: 5.1304802941e2,
    rsd: 3.171713304,
    dof: 51,
    n: 54,
    first: [92.9, 0.5],
    last: [28.9, 1.75],
  },
  Lanczos3: {
    model: 'y = b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)',
    start1: [1.2, 0.3, 5.6, 5.5, 6.5, 7.6],
    start2: [0.5, 0.7, 3.6, 4.2, 4, 6.3],
    certified: [8.6816414977e-2, 9.5498101505e-1, 8.4400777463e-1, 2.9515951832, 1.5825685901, 4.9863565084],
    certifiedSd: [1.7197908859e-2, 9.7041624475e-2, 4.1488663282e-2, 1.0766312506e-1, 5.8371576281e-2, 3.4436403035e-2],
    rss: 1.6117193594e-8,
    rsd: 2.9923229172e-5,
    dof: 18,
    n: 24,
    first: [2.5134, 0],
    last: [0.0624, 1.15],
  },
  Kirby2: {
    model: 'y = (b1 + b2*x + b3*x**2) / (1 + b4*x + b5*x**2)',
    start1: [2, -0.1, 0.003, -0.001, 0.00001],
    start2: [1.5, -0.15, 0.0025, -0.0015, 0.00002],
    certified: [1.6745063063, -1.3927397867e-1, 2.5961181191e-3, -1.724181187e-3, 2.1664802578e-5],
    certifiedSd: [8.7989634338e-2, 4.1182041386e-3, 4.1856520458e-5, 5.8931897355e-5, 2.0129761919e-7],
    rss: 3.9050739624,
    rsd: 1.6354535131e-1,
    dof: 146,
    n: 151,
    first: [0.0082, 9.65],
    last: [92.2, 371.3],
  },
  MGH09: {
    model: 'y = b1*(x**2+x*b2) / (x**2+x*b3+b4)',
    start1: [25, 39, 41.5, 39],
    start2: [0.25, 0.39, 0.415, 0.39],
    certified: [1.9280693458e-1, 1.9128232873e-1, 1.2305650693e-1, 1.3606233068e-1],
    certifiedSd: [1.1435312227e-2, 1.9633220911e-1, 8.0842031232e-2, 9.0025542308e-2],
    rss: 3.0750560385e-4,
    rsd: 6.6279236551e-3,
    dof: 7,
    n: 11,
    first: [0.1957, 4],
    last: [0.0246, 0.0625],
  },
  Thurber: {
    model: 'y = (b1 + b2*x + b3*x**2 + b4*x**3) / (1 + b5*x + b6*x**2 + b7*x**3)',
    start1: [1000, 1000, 400, 40, 0.7, 0.3, 0.03],
    start2: [1300, 1500, 500, 75, 1, 0.4, 0.05],
    certified: [1.28813968e3, 1.4910792535e3, 5.8323836877e2, 7.5416644291e1, 9.6629502864e-1, 3.9797285797e-1, 4.9727297349e-2],
    certifiedSd: [4.6647963344, 3.9571156086e1, 2.8698696102e1, 5.567537027, 3.1333340687e-2, 1.4984928198e-2, 6.5842344623e-3],
    rss: 5.6427082397e3,
    rsd: 1.3714600784e1,
    dof: 30,
    n: 37,
    first: [80.574, -3.067],
    last: [1457.628, 2.2],
  },
  Eckerle4: {
    model: 'y = (b1/b2) * exp[-0.5*((x-b3)/b2)**2]',
    start1: [1, 10, 500],
    start2: [1.5, 5, 450],
    certified: [1.5543827178, 4.0888321754, 4.5154121844e2],
    certifiedSd: [1.5408051163e-2, 4.6803020753e-2, 4.6800518816e-2],
    rss: 1.4635887487e-3,
    rsd: 6.7629245447e-3,
    dof: 32,
    n: 35,
    first: [0.0001575, 400],
    last: [0.000071, 500],
  },
};

describe('NIST_DATASETS', () => {
  it("lists the README's seven datasets in its order, with its difficulty", () => {
    expect(NIST_DATASETS.map((d) => `${d.name}:${d.difficulty}`)).toEqual([
      'Misra1a:lower',
      'Chwirut2:lower',
      'Lanczos3:lower',
      'Kirby2:average',
      'MGH09:higher',
      'Thurber:higher',
      'Eckerle4:higher',
    ]);
  });
});

describe.each(NIST_DATASETS)('$name', (dataset) => {
  const name = dataset.name;
  const want = EXPECTED[name];
  const problem = loadNist(name);

  it('reads the name, difficulty and model, lines joined and the trailing "+ e" cut', () => {
    expect(problem.name).toBe(name);
    expect(problem.difficulty).toBe(dataset.difficulty);
    expect(problem.model).toBe(want.model);
  });

  it('reads the parameters: names, both starts, certified values and standard deviations', () => {
    expect(problem.parameters).toEqual(want.start1.map((_, i) => `b${i + 1}`));
    expect(problem.parameters.length).toBe(dataset.parameters);
    expect(problem.start1).toEqual(want.start1);
    expect(problem.start2).toEqual(want.start2);
    expect(problem.certified).toEqual(want.certified);
    expect(problem.certifiedSd).toEqual(want.certifiedSd);
  });

  it('reads the certified summary, consistent with the data', () => {
    expect(problem.residualSumOfSquares).toBe(want.rss);
    expect(problem.residualSd).toBe(want.rsd);
    expect(problem.degreesOfFreedom).toBe(want.dof);
    expect(problem.observations).toBe(want.n);
    expect(problem.observations).toBe(dataset.observations);
    expect(problem.degreesOfFreedom).toBe(problem.observations - problem.parameters.length);
    // s = sqrt(RSS / (n - p)), as certified to 11 digits.
    expect(Math.sqrt(problem.residualSumOfSquares / problem.degreesOfFreedom) / problem.residualSd).toBeCloseTo(1, 9);
  });

  it('reads the data: column names, every row, the first and the last', () => {
    expect(problem.columnNames).toEqual(['y', 'x']);
    expect(problem.columns).toHaveLength(2);
    for (const column of problem.columns) {
      expect(column).toBeInstanceOf(Float64Array);
      expect(column).toHaveLength(want.n);
    }
    const [y, x] = problem.columns;
    expect([y[0], x[0]]).toEqual(want.first);
    expect([y[want.n - 1], x[want.n - 1]]).toEqual(want.last);
  });

  it("puts the data on the lines the header's 'File Format' block says", () => {
    const text = nistText(name);
    const lines = text.split('\n');
    const [, from, to] = /Data\s+\(lines\s+(\d+)\s+to\s+(\d+)\)/.exec(text) ?? [];
    expect(Number(to) - Number(from) + 1).toBe(want.n);
    expect(lines[Number(from) - 2]).toMatch(/^Data:\s+y\s+x\s*$/);
    expect(lines[Number(from) - 1].trim().split(/\s+/).map(Number)).toEqual(want.first);
    expect(lines[Number(to) - 1].trim().split(/\s+/).map(Number)).toEqual(want.last);
  });

  it('reads the same data through parseTable (whitespace-aligned, NIST numbers)', () => {
    const lines = nistText(name).split('\n');
    const at = lines.findIndex((l) => /^Data:\s+y\s+x\s*$/.test(l));
    const read = parseTable(['y x', ...lines.slice(at + 1)].join('\n'));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.delimiter).toBe('whitespace');
    expect(read.table.columns).toEqual(problem.columns);
  });

  it('reads the file the same with CRLF line breaks, as NIST serves it', () => {
    expect(parseNist(nistText(name).replace(/\n/g, '\r\n'))).toEqual(problem);
  });
});

describe('parseNist', () => {
  const misra = nistText('Misra1a');

  it('keeps the shipped text verbatim', () => {
    expect(misra.startsWith('NIST/ITL StRD\nDataset Name:  Misra1a           (Misra1a.dat)\n')).toBe(true);
    expect(misra.endsWith('      81.78E0     760.0E0\n')).toBe(true);
  });

  it('joins a model written over several lines', () => {
    const spread = misra.replace('y = b1*(1-exp[-b2*x])  +  e', 'y = b1*(1-exp[-b2*x])\n                   *1  +  e');
    expect(parseNist(spread).model).toBe('y = b1*(1-exp[-b2*x]) *1');
  });

  it('throws, saying what is missing, on text that is not a NIST file', () => {
    expect(() => parseNist('')).toThrow(/Dataset Name/);
    expect(() => parseNist(misra.replace(/Number of Observations:\s+14/, 'Number of Observations:  15'))).toThrow(/14 rows of data, but 15 observations/);
    expect(() => parseNist(misra.replace('      81.78E0     760.0E0', '      81.78E0'))).toThrow(/line 74 is not 2 numbers/);
    expect(() => parseNist(misra.replace(/^ {2}b2 =.*$/m, ''))).toThrow(/1 parameter lines, but the model block says 2/);
    expect(() => parseNist(misra.replace('  +  e', ''))).toThrow(/does not end with '\+ e'/);
    expect(() => parseNist(misra.replace('Lower Level', 'Some Level'))).toThrow(/difficulty/);
  });
});
