export * from './schema';
export * from './load';
export * from './demo';
export * from './docs';
export * from './city';
