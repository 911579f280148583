/**
 * The one tfjs entry of the engine: the core ops (with exact number inputs on the float64 backend,
 * tf-exact.ts) plus every gradient (tfjs-core alone registers none). Backends are registered in
 * `backend.ts`.
 */
import * as tf from './tf-exact';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export { tf };
