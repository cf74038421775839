export * from './auth';
export * from './cases';
export * from './contract';
export * from './errors';
export * from './health';
export * from './lifecycle';
export * from './me';
export * from './uploads';
