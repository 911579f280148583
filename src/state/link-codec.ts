/**
 * The experiment as a link fragment: `1.` + base64url(deflate-raw(JSON)). The version prefix lets
 * the format change later; sizes are capped so a hostile link cannot inflate without bound.
 * Decoding never throws: it returns the experiment or the reason the link could not be read.
 */
import { parseExperiment, type Experiment } from '../catalog';

const VERSION = '1.';
/**
 * The most numbers of a fit's table a link carries. A larger table is left out (the link keeps the
 * model and settings and says how many numbers it left out), so links stay a size every browser
 * and chat program passes on: 5,000 numbers of 24 characters each come to about 42 kB of link
 * (measured; deflate finds their exponents and signs again and again).
 */
export const MAX_LINK_NUMBERS = 5_000;
// Enough for MAX_LINK_NUMBERS numbers at their longest ("-1.2345678901234567e-308", 24 characters).
const MAX_PAYLOAD = 200_000;
const MAX_JSON = 200_000;

/** How many numbers a fit's table holds. */
export const tableNumbers = (e: Experiment): number => (e.fit ? e.fit.data.names.length * (e.fit.data.columns[0]?.length ?? 0) : 0);

/** The experiment as its link holds it: a fit's table left out when it is larger than MAX_LINK_NUMBERS. */
export function forLink(e: Experiment): Experiment {
  const n = tableNumbers(e);
  if (!e.fit || n <= MAX_LINK_NUMBERS) return e;
  const { model, data, sigma, absoluteSigma } = e.fit;
  return { ...e, fit: { model, data: { names: data.names, columns: data.names.map(() => []) }, ...(sigma === undefined ? {} : { sigma }), absoluteSigma, omitted: n } };
}

export async function encodeExperiment(e: Experiment): Promise<string> {
  const bytes = await pipe(new TextEncoder().encode(JSON.stringify(forLink(e))), new CompressionStream('deflate-raw'), Infinity);
  return VERSION + toBase64Url(bytes);
}

export type Decoded = { ok: true; experiment: Experiment } | { ok: false; error: string };

export async function decodeExperiment(payload: string): Promise<Decoded> {
  if (!payload.startsWith(VERSION)) return { ok: false, error: 'the settings are not in a format this version knows.' };
  if (payload.length > MAX_PAYLOAD) return { ok: false, error: 'the settings are too long.' };
  let text: string;
  try {
    const bytes = await pipe(fromBase64Url(payload.slice(VERSION.length)), new DecompressionStream('deflate-raw'), MAX_JSON);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: 'the settings are damaged (they could not be decompressed).' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the settings are not valid JSON.' };
  }
  const parsed = parseExperiment(json);
  return parsed.ok ? parsed : { ok: false, error: parsed.error };
}

async function pipe(input: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  writer.write(input as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
