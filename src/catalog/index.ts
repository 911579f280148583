export * from './backends';
export * from './experiment';
export * from './hyperparameters';
export * from './optimizers';
export * from './problems';
export * from './stop-reasons';
export * from './seed-log';
export * from './sweeps';
