/**
 * Each chapter's page (its prose around its lab), by the chapter's id in the registry
 * (catalog/chapters). The record is complete by type: a chapter without a page does not compile.
 */
import type { ComponentType } from 'react';
import type { ChapterId } from '../catalog';
import { RosenbrockFitChapter } from './ch1-rosenbrock-fit/chapter';
import { RosenbrockValleyChapter } from './ch2-rosenbrock-valley/chapter';
import { NetOnRosenbrockChapter } from './ch3-net-on-rosenbrock/chapter';
import { RahimiLinearNetChapter } from './ch4-rahimi-linear-net/chapter';
import { DigitsSweepChapter } from './ch5-digits-sweep/chapter';
import { CurvatureToolsChapter } from './ch6-curvature-tools/chapter';
import { YourFunctionChapter } from './ch7-your-function/chapter';
import { YourDataChapter } from './ch8-your-data/chapter';

export const CHAPTER_PAGES: Record<ChapterId, ComponentType> = {
  'rosenbrock-fit': RosenbrockFitChapter,
  'rosenbrock-valley': RosenbrockValleyChapter,
  'net-on-rosenbrock': NetOnRosenbrockChapter,
  'rahimi-linear-net': RahimiLinearNetChapter,
  'digits-sweep': DigitsSweepChapter,
  'curvature-tools': CurvatureToolsChapter,
  'your-function': YourFunctionChapter,
  'your-data': YourDataChapter,
};
