/** The fit reports on the page: one request per run and parameters, answers matched to the request still held, and a lost engine said, not waited for. */
import { beforeEach, describe, expect, test } from 'vitest';
import { defaultExperiment, defaultFit, type FitDefinition, type FitReport } from '../catalog';
import type { Command } from '../protocol/messages';
import { fakeClient } from '../testing/fake-client';
import { useFitReports } from './fit-report-store';
import { useRuns } from './runs-store';

const definition: FitDefinition = { problem: 'fit', ...defaultFit() };
const report = (rss: number) => ({ rss }) as FitReport;
const asked = (sent: Command[]) => sent.filter((c): c is Extract<Command, { type: 'fit-report' }> => c.type === 'fit-report');

describe('fit reports', () => {
  beforeEach(() => useFitReports.getState().reset());

  test('a request goes to the worker once per run and parameters; its answer is the run’s report', () => {
    const { client, sent, say } = fakeClient();
    useFitReports.getState().connect(client);
    const { request } = useFitReports.getState();
    request('run-1', definition, [238.9, 5.5e-4], () => [0, 1]);
    request('run-1', definition, [238.9, 5.5e-4], () => { throw new Error('asked again for a report it has'); });
    expect(asked(sent)).toHaveLength(1);
    expect(asked(sent)[0]).toMatchObject({ definition, params: [238.9, 5.5e-4], bandAt: [0, 1] });
    expect(useFitReports.getState().reports['run-1']).toMatchObject({ pending: true, report: null });
    say({ type: 'fit-report', id: asked(sent)[0].id, report: report(0.12), band: null });
    expect(useFitReports.getState().reports['run-1']).toMatchObject({ pending: false, report: { rss: 0.12 }, error: null, params: [238.9, 5.5e-4] });
  });

  test('new parameters supersede a pending request: the old answer is dropped, the new one kept', () => {
    const { client, sent, say } = fakeClient();
    useFitReports.getState().connect(client);
    useFitReports.getState().request('run-1', definition, [1, 2]);
    useFitReports.getState().request('run-1', definition, [3, 4]);
    const [old, latest] = asked(sent);
    say({ type: 'fit-report', id: latest.id, report: report(2), band: null });
    say({ type: 'fit-report', id: old.id, report: report(1), band: null });
    expect(useFitReports.getState().reports['run-1']).toMatchObject({ params: [3, 4], report: { rss: 2 } });
  });

  test("a worker's fault is the report's error; a lost engine ends every pending request with its message", () => {
    const { client, sent, say } = fakeClient();
    useFitReports.getState().connect(client);
    useFitReports.getState().request('run-1', definition, [1, 2]);
    useFitReports.getState().request('run-2', definition, [1, 2]);
    say({ type: 'fit-report', id: asked(sent)[0].id, report: null, band: null, error: 'J has a NaN.' });
    say({ type: 'engine-lost', message: 'The engine worker stopped answering.' });
    expect(useFitReports.getState().reports['run-1']).toMatchObject({ pending: false, error: 'J has a NaN.' });
    expect(useFitReports.getState().reports['run-2']).toMatchObject({ pending: false, error: 'The engine worker stopped answering.' });
  });

  test('a new race forgets the reports of the runs it replaces', () => {
    const { client } = fakeClient();
    useRuns.getState().connect(client);
    useFitReports.getState().connect(client);
    useRuns.getState().runAll(defaultExperiment('fit'));
    const [first] = useRuns.getState().runs;
    useFitReports.getState().request(first.runId, definition, [1, 2]);
    expect(Object.keys(useFitReports.getState().reports)).toEqual([first.runId]);
    useRuns.getState().runAll(defaultExperiment('fit'));
    expect(useFitReports.getState().reports).toEqual({});
  });
});
