// The site's Content-Security-Policy, the one copy of its text: vite.config.ts puts it in a meta
// tag first in the built page's <head>, and e2e/serve.mjs sends it as a response header on every
// response, as a strict static host would, so that it reaches the worker too (a meta policy does
// not: a dedicated worker takes its policy from its own response). Measured in
// ../shared/research/library-choices.md section 6:
// - 'wasm-unsafe-eval': the tfjs wasm backend compiles its .wasm in the worker; without it
//   setBackend('wasm') resolves false. No 'unsafe-eval': tfjs (cpu, wasm, webgl), Plotly's
//   cartesian bundle and KaTeX need none, and Vite's build has no inline scripts.
// - style-src 'unsafe-inline': Plotly writes a <style> element and inline styles (its mode bar
//   breaks without it).
// - img-src blob: data:: Plotly's toImage goes through a blob:; small images may be inlined.
// - font-src data:: Vite inlines fonts under 4 KiB as data: URLs.
// - worker-src 'self': the worker is its own built file (assets/engine.worker-*.js), not a blob:.
// frame-ancestors, report-uri and sandbox would be ignored in a meta tag, so none is used.
/** Directive name to its sources, in the order written. */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'font-src': ["'self'", 'data:'],
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

/** The policy as a meta tag's content or a header's value. */
export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');
