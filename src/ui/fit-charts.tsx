/** A fit's charts on the page: the data with the fitted curve and its bands (or observed against fitted), and the residuals. */
import { useCallback, useMemo } from 'react';
import type { Band, FitDefinition } from '../catalog';
import { curveFigure, observedFigure, residualsFigure } from '../charts/fit';
import { checkFit } from '../formula/fit-check';
import { print } from '../formula';
import { curveGrid, residualsAt } from './fit-view';
import { PlotlyFigure } from './plotly-figure';

interface Props {
  definition: FitDefinition;
  /** The fit's parameters and band, once a run has a report. */
  params: number[] | null;
  band: Band | null;
}

export function FitCharts({ definition, params, band }: Props) {
  const checked = useMemo(() => checkFit(definition), [definition]);
  const grid = useMemo(() => curveGrid(definition), [definition]);
  const residuals = useMemo(() => (params ? residualsAt(definition, params) : null), [definition, params]);
  const response = checked.ok ? print(checked.value.model.response) : 'response';
  const weighted = definition.sigma !== undefined;

  const fitBuild = useCallback(() => {
    if (!checked.ok) return { data: [], layout: {} };
    if (grid) return curveFigure({ x: grid.values, y: checked.value.target, xTitle: grid.name, yTitle: response, band });
    return observedFigure(checked.value.target, residuals?.fitted ?? checked.value.target, response);
  }, [checked, grid, response, band, residuals]);

  const residualBuild = useCallback(() => {
    const x = grid ? grid.values : Array.from({ length: residuals?.residuals.length ?? 0 }, (_, i) => i + 1);
    return residualsFigure(x, residuals?.residuals ?? [], grid ? grid.name : 'observation', weighted ? `(${response} − fit) / σ` : `${response} − fit`);
  }, [grid, residuals, response, weighted]);

  return (
    <div className="charts">
      <PlotlyFigure chart="fit-curve" title={grid ? 'Data, fitted curve, 95% confidence band (shaded) and prediction band (dashed)' : 'Observed against fitted'} build={fitBuild} version={`${band ? 1 : 0}-${params?.join()}`} />
      <PlotlyFigure chart="fit-residuals" title={weighted ? 'Residuals, divided by σ' : 'Residuals'} build={residualBuild} version={params?.join() ?? ''} />
    </div>
  );
}
