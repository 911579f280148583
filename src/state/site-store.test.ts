import { expect, test } from 'vitest';
import { siteMode } from './site-store';

test('the mode line says whether the page works offline and is cross-origin isolated, and why not', () => {
  const mode = (isolated: boolean, controlledAtLoad: boolean, offline: 'unavailable' | 'saving' | 'ready' | 'failed', build = '') => siteMode({ isolated, controlledAtLoad, offline, build });
  expect(mode(true, true, 'ready')).toBe('Works offline · cross-origin isolated');
  expect(mode(true, false, 'unavailable', 'B')).toBe('Not saved for offline use · cross-origin isolated · build B');
  expect(mode(false, false, 'ready')).toBe('Works offline · not cross-origin isolated yet (no SharedArrayBuffer): takes effect after a reload');
  expect(mode(false, false, 'saving')).toBe('Saving for offline use… · not cross-origin isolated (no SharedArrayBuffer)');
  expect(mode(false, true, 'ready')).toBe('Works offline · not cross-origin isolated: this browser does not allow it here (no SharedArrayBuffer)');
  expect(mode(false, false, 'failed')).toBe('Could not be saved for offline use · not cross-origin isolated (no SharedArrayBuffer)');
});
