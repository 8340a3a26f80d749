export * from './safeguarding-gate';
export * from './safeguarding.module';
