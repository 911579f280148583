// KaTeX's stylesheet names each font in three formats (woff2, woff, ttf), so Vite ships all three
// (about 1 MB). Every browser the app runs in (module workers, wasm SIMD) reads woff2: this plugin
// keeps only the woff2 source of each @font-face, so the build ships one format.

/** The stylesheet's text with every `,url(...woff) format("woff")` and `,url(...ttf) format("truetype")` source removed. */
export function woff2Only(css) {
  return css.replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\(["'](?:woff|truetype)["']\)/g, '');
}

/** @returns {import('vite').Plugin} */
export function katexWoff2() {
  return {
    name: 'curvature-katex-woff2',
    enforce: 'pre',
    transform(code, id) {
      if (!/katex(\.min)?\.css(\?|$)/.test(id)) return null;
      const out = woff2Only(code);
      if (out === code || /\.(woff|ttf)\)/.test(out)) throw new Error(`katex-woff2: ${id} did not have the expected @font-face sources`);
      return { code: out, map: null };
    },
  };
}
