/**
 * The one tfjs entry of the engine: the core ops plus every gradient (tfjs-core alone registers
 * none). Backends are registered in `backend.ts`.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export { tf };
