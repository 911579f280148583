/**
 * The experiment as a link fragment: `1.` + base64url(deflate-raw(JSON)). The version prefix lets
 * the format change later; sizes are capped so a hostile link cannot inflate without bound.
 * Decoding never throws: it returns the experiment or the reason the link could not be read.
 */
import { parseExperiment, type Experiment } from '../catalog';

const VERSION = '1.';
const MAX_PAYLOAD = 8_000;
const MAX_JSON = 64_000;

export async function encodeExperiment(e: Experiment): Promise<string> {
  const bytes = await pipe(new TextEncoder().encode(JSON.stringify(e)), new CompressionStream('deflate-raw'), Infinity);
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
