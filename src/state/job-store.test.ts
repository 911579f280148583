/**
 * The one job lifecycle of chapter 5's stores (job-store.ts): a job starts queued with its command
 * sent under a fresh id, grows its record only from its own progress events, moves by its status
 * events, stops as engine-lost when the worker is lost, and is cancelled by the one cancel command.
 */
import { describe, expect, test } from 'vitest';
import { fakeClient } from '../testing/fake-client';
import { runRace, useRace } from './race-store';
import { runSweep, useSweep, useSweepChoice } from './sweep-store';

const step = (k: number) => ({ step: k, loss: [1, 2, 3], gradNorm: [4, 5, 6], h: [1, 2, 3] as [number, number, number] });

describe('the sweep store', () => {
  test('run: queued, the chosen settings sent under a new id; progress grows the results; status moves the job', () => {
    const { client, sent, say } = fakeClient();
    useSweep.getState().connect(client);
    useSweepChoice.getState().choose({ kind: 'disable', seed: 7 });
    runSweep();
    const { job, record } = useSweep.getState();
    expect(job).toEqual({ id: expect.stringMatching(/^sweep-\d+$/), status: 'queued', stop: null });
    expect(record.choice?.kind).toBe('disable');
    const command = sent.at(-1);
    expect(command?.type === 'sweep' && command.id === job?.id && command.settings.kind === 'disable' && command.settings.seed === 7).toBe(true);
    const id = job?.id ?? '';
    const result = { mode: 'H' as const, p: 0.3, repeat: 0, train: 0.9, test: 0.8 };
    say({ type: 'status', id, status: 'running' });
    say({ type: 'sweep-progress', id, done: 1, total: 10, results: [result] });
    say({ type: 'sweep-progress', id: 'sweep-0', done: 9, total: 10, results: [result] }); // another job's: ignored
    say({ type: 'sweep-progress', id, done: 2, total: 10, results: [result] });
    expect(useSweep.getState().record).toMatchObject({ done: 2, total: 10, results: [result, result] });
    expect(useSweep.getState().job?.status).toBe('running');
    useSweep.getState().cancel();
    expect(sent.at(-1)).toEqual({ type: 'cancel', id });
    say({ type: 'status', id, status: 'stopped', stop: { reason: 'cancelled', message: 'Cancelled.' } });
    expect(useSweep.getState().job).toMatchObject({ status: 'stopped', stop: { reason: 'cancelled' } });
    // A stopped job is not cancelled again; reset forgets it.
    const count = sent.length;
    useSweep.getState().reset();
    expect(sent.length).toBe(count);
    expect(useSweep.getState().job).toBeNull();
    expect(useSweep.getState().record.results).toEqual([]);
  });
});

describe('the race store', () => {
  test("run: the sweep's data settings sent; steps append to the columns; a lost engine stops it with what it had", () => {
    const { client, sent, say } = fakeClient();
    useRace.getState().connect(client);
    useSweepChoice.getState().choose({ loss: 'seed', seed: 3 });
    runRace();
    const id = useRace.getState().job?.id ?? '';
    expect(sent.at(-1)).toMatchObject({ type: 'race', id, loss: 'seed', seed: 3 });
    const before = useRace.getState().version;
    say({ type: 'race-progress', id, steps: [step(0), step(1)] });
    expect(useRace.getState().version).toBe(before + 1);
    expect(useRace.getState().record.step).toEqual([0, 1]);
    expect(useRace.getState().record.loss).toEqual([[1, 1], [2, 2], [3, 3]]);
    say({ type: 'engine-lost', message: 'The engine worker stopped answering.' });
    expect(useRace.getState().job).toMatchObject({ status: 'stopped', stop: { reason: 'engine-lost' } });
    expect(useRace.getState().record.step).toEqual([0, 1]);
    // Starting again forgets the last race: a new id and empty columns.
    runRace();
    expect(useRace.getState().job?.id).not.toBe(id);
    expect(useRace.getState().record.step).toEqual([]);
  });
});
