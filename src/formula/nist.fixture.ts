/**
 * Test-only: the model lines of the seven NIST StRD nonlinear regression files of the fit lab
 * (/work/shared/data/nist, kept as NIST publishes them), verbatim with NIST's line breaks and its
 * trailing error term '+ e', and for three of them the certified values and the full data, so a
 * test can check that our reading of NIST's notation gives NIST's certified residual sum of squares.
 */

export interface NistModel {
  name: string;
  /** The model as the .dat file writes it, from 'y =' to '+  e'. */
  text: string;
  /** b1, b2, ... */
  parameters: number;
}

export const NIST_MODELS: NistModel[] = [
  { name: 'Misra1a', parameters: 2, text: `y = b1*(1-exp[-b2*x])  +  e` },
  { name: 'Chwirut2', parameters: 3, text: `y = exp(-b1*x)/(b2+b3*x)  +  e` },
  { name: 'Lanczos3', parameters: 6, text: `y = b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)  +  e` },
  { name: 'Kirby2', parameters: 5, text: `y = (b1 + b2*x + b3*x**2) /
                   (1 + b4*x + b5*x**2)  +  e` },
  { name: 'MGH09', parameters: 4, text: `y = b1*(x**2+x*b2) / (x**2+x*b3+b4)  +  e` },
  { name: 'Thurber', parameters: 7, text: `y = (b1 + b2*x + b3*x**2 + b4*x**3) /
                   (1 + b5*x + b6*x**2 + b7*x**3)  +  e` },
  { name: 'Eckerle4', parameters: 3, text: `y = (b1/b2) * exp[-0.5*((x-b3)/b2)**2]  +  e` },
];

export interface NistCertified {
  name: string;
  certified: Record<string, number>;
  rss: number;
  /** [y, x] per observation. */
  data: [number, number][];
}

export const NIST_CERTIFIED: NistCertified[] = [
  {
    name: 'Misra1a',
    certified: { b1: 2.3894212918E+02, b2: 5.5015643181E-04 },
    rss: 1.2455138894E-01,
    data: [[10.07E0, 77.6E0], [14.73E0, 114.9E0], [17.94E0, 141.1E0], [23.93E0, 190.8E0], [29.61E0, 239.9E0], [35.18E0, 289.0E0], [40.02E0, 332.8E0], [44.82E0, 378.4E0], [50.76E0, 434.8E0], [55.05E0, 477.3E0], [61.01E0, 536.8E0], [66.40E0, 593.1E0], [75.47E0, 689.1E0], [81.78E0, 760.0E0]],
  },
  {
    name: 'MGH09',
    certified: { b1: 1.9280693458E-01, b2: 1.9128232873E-01, b3: 1.2305650693E-01, b4: 1.3606233068E-01 },
    rss: 3.0750560385E-04,
    data: [[1.957000E-01, 4.000000E+00], [1.947000E-01, 2.000000E+00], [1.735000E-01, 1.000000E+00], [1.600000E-01, 5.000000E-01], [8.440000E-02, 2.500000E-01], [6.270000E-02, 1.670000E-01], [4.560000E-02, 1.250000E-01], [3.420000E-02, 1.000000E-01], [3.230000E-02, 8.330000E-02], [2.350000E-02, 7.140000E-02], [2.460000E-02, 6.250000E-02]],
  },
  {
    name: 'Eckerle4',
    certified: { b1: 1.5543827178E+00, b2: 4.0888321754E+00, b3: 4.5154121844E+02 },
    rss: 1.4635887487E-03,
    data: [[0.0001575E0, 400.000000E0], [0.0001699E0, 405.000000E0], [0.0002350E0, 410.000000E0], [0.0003102E0, 415.000000E0], [0.0004917E0, 420.000000E0], [0.0008710E0, 425.000000E0], [0.0017418E0, 430.000000E0], [0.0046400E0, 435.000000E0], [0.0065895E0, 436.500000E0], [0.0097302E0, 438.000000E0], [0.0149002E0, 439.500000E0], [0.0237310E0, 441.000000E0], [0.0401683E0, 442.500000E0], [0.0712559E0, 444.000000E0], [0.1264458E0, 445.500000E0], [0.2073413E0, 447.000000E0], [0.2902366E0, 448.500000E0], [0.3445623E0, 450.000000E0], [0.3698049E0, 451.500000E0], [0.3668534E0, 453.000000E0], [0.3106727E0, 454.500000E0], [0.2078154E0, 456.000000E0], [0.1164354E0, 457.500000E0], [0.0616764E0, 459.000000E0], [0.0337200E0, 460.500000E0], [0.0194023E0, 462.000000E0], [0.0117831E0, 463.500000E0], [0.0074357E0, 465.000000E0], [0.0022732E0, 470.000000E0], [0.0008800E0, 475.000000E0], [0.0004579E0, 480.000000E0], [0.0002345E0, 485.000000E0], [0.0001586E0, 490.000000E0], [0.0001143E0, 495.000000E0], [0.0000710E0, 500.000000E0]],
  },
];
