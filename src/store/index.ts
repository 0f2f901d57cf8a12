export * from './createSailplanStore';
export * from './context';
export * from './derive';
export * from './textBuffer';
export * from './deriveScheduler';
export * from './sourceNodes';
export * from './silencedSlice';
