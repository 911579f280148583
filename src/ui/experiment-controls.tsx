/**
 * A lab's settings, one cell: its optimizers, the stop rule, what the lab adds (a start, a data
 * seed), the backend and precision, and Copy link. The same order in every optimizer lab.
 */
import type { ReactNode } from 'react';
import type { Capability, ProblemId } from '../catalog';
import { BackendStatus } from './backend-status';
import { Cell } from './cell';
import { CopyLink } from './copy-link';
import { OptimizerList } from './optimizer-list';
import { PrecisionControl } from './precision-control';
import { StopFields } from './stop-fields';

interface Props {
  title: string;
  problem: ProblemId;
  /** What the problem provides when it depends on the reader's formula. */
  provides?: Capability[];
  report(key: string): (valid: boolean) => void;
  /** The lab's own fields, after the stop rule. */
  fields?: ReactNode;
  /** What the link leaves out, when it leaves something out (a fit's large table). */
  linkLeavesOut?: string | null;
}

export function ExperimentControls({ title, problem, provides, report, fields, linkLeavesOut = null }: Props) {
  return (
    <Cell title={title}>
      <OptimizerList problem={problem} provides={provides} report={report} />
      <div className="experiment-fields">
        <StopFields report={report} />
        {fields}
        <BackendStatus />
        <PrecisionControl />
      </div>
      <CopyLink leavesOut={linkLeavesOut} />
    </Cell>
  );
}
