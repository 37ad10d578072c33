export * from './article';
export * from './comment';
export * from './cursor';
export * from './protocol';
export * from './topics';
export * from './client-frame.parser';
export * from './session-cookie';
