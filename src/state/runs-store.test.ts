/** The runs store: a lost engine stops its live runs with that reason and keeps what they sent. */
import { describe, expect, test } from 'vitest';
import { defaultExperiment } from '../catalog';
import { COLUMN_NAMES, type StepColumns } from '../protocol/messages';
import { fakeClient } from '../testing/fake-client';
import { useRuns } from './runs-store';

const batch = (steps: number[]): StepColumns => {
  const cols = Object.fromEntries(COLUMN_NAMES.map((c) => [c, Float64Array.from(steps)])) as unknown as StepColumns;
  cols.params = new Float64Array(2 * steps.length);
  return cols;
};

describe('runs store', () => {
  test('engine-lost: live runs stop as engine-lost with their steps; stopped runs keep their own stop; the notice says why', () => {
    const { client, sent, say } = fakeClient();
    useRuns.getState().connect(client);
    useRuns.getState().runAll(defaultExperiment('rosenbrock-fit'));
    const [first, second] = useRuns.getState().runs;
    expect(sent.filter((c) => c.type === 'start')).toHaveLength(5);
    say({ type: 'batch', runId: first.runId, dim: 2, columns: batch([0, 1, 2]) });
    say({ type: 'status', id: second.runId, status: 'stopped', stop: { reason: 'converged', message: 'done' } });
    say({ type: 'engine-lost', message: 'The engine worker stopped answering.' });
    const runs = useRuns.getState().runs;
    expect(runs.map((r) => r.status)).toEqual(['stopped', 'stopped', 'stopped', 'stopped', 'stopped']);
    expect(runs.map((r) => r.stop?.reason)).toEqual(['engine-lost', 'converged', 'engine-lost', 'engine-lost', 'engine-lost']);
    expect(runs[0].series.length).toBe(3);
    expect(useRuns.getState().error).toMatch(/stopped answering/);
  });
});
