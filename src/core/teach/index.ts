/** src/core/teach: the folder's public surface. */
export * from './learn.ts';
