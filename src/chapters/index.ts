/**
 * Each chapter's page (its prose around its lab), by the chapter's id in the registry
 * (catalog/chapters). The record is complete by type: a chapter without a page does not compile.
 * Each page is its own chunk, loaded when the chapter is first opened (the first screen carries
 * only the open chapter's code).
 */
import { lazy, type ComponentType } from 'react';
import type { ChapterId } from '../catalog';

/** A page loaded on first render: `pick` names its component in the module. */
const page = <M>(load: () => Promise<M>, pick: (m: M) => ComponentType): ComponentType => lazy(() => load().then((m) => ({ default: pick(m) })));

export const CHAPTER_PAGES: Record<ChapterId, ComponentType> = {
  'rosenbrock-fit': page(() => import('./ch1-rosenbrock-fit/chapter'), (m) => m.RosenbrockFitChapter),
  'rosenbrock-valley': page(() => import('./ch2-rosenbrock-valley/chapter'), (m) => m.RosenbrockValleyChapter),
  'net-on-rosenbrock': page(() => import('./ch3-net-on-rosenbrock/chapter'), (m) => m.NetOnRosenbrockChapter),
  'rahimi-linear-net': page(() => import('./ch4-rahimi-linear-net/chapter'), (m) => m.RahimiLinearNetChapter),
  'digits-sweep': page(() => import('./ch5-digits-sweep/chapter'), (m) => m.DigitsSweepChapter),
  'curvature-tools': page(() => import('./ch6-curvature-tools/chapter'), (m) => m.CurvatureToolsChapter),
  'your-function': page(() => import('./ch7-your-function/chapter'), (m) => m.YourFunctionChapter),
  'your-data': page(() => import('./ch8-your-data/chapter'), (m) => m.YourDataChapter),
};
