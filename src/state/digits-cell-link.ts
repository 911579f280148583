/**
 * Chapter 6's digits cell in the link, beside the point cell's fields:
 * `dseed=1&dsteps=400&dimage=0`. Missing fields take the defaults; a field that is not a whole
 * number in its range makes the link unreadable, with the reason.
 */
import { DIGITS_CURVATURE_DEFAULTS, DIGITS_CURVATURE_LIMITS, quote, type DigitsCurvatureSettings } from '../catalog';

export const digitsCellToParams = (s: DigitsCurvatureSettings) => new URLSearchParams({ dseed: String(s.seed), dsteps: String(s.steps), dimage: String(s.image) }).toString();

const WHOLE = /^(0|[1-9][0-9]{0,9})$/;

/** The last of the split's 540 test images (ceil(0.3 x 1,797), engine/problems/digits-data). */
export const MAX_IMAGE = 539;

const FIELDS = [
  ['dseed', 'seed', 2 ** 31 - 1],
  ['dsteps', 'steps', DIGITS_CURVATURE_LIMITS.steps.max],
  ['dimage', 'image', MAX_IMAGE],
] as const;

export function digitsCellFromParams(params: URLSearchParams): { ok: true; settings: DigitsCurvatureSettings } | { ok: false; error: string } {
  const settings = { ...DIGITS_CURVATURE_DEFAULTS };
  for (const [name, field, max] of FIELDS) {
    const text = params.get(name);
    if (text === null) continue;
    if (!WHOLE.test(text) || Number(text) > max) return { ok: false, error: `"${name}" must be a whole number from 0 to ${max}, not ${quote(text)}.` };
    settings[field] = Number(text);
  }
  return { ok: true, settings };
}
