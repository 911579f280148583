// The cartesian partial bundle ships no types; it exposes the same API as plotly.js.
declare module 'plotly.js-cartesian-dist-min' {
  import Plotly from 'plotly.js';
  export default Plotly;
}
