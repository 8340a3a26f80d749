export * from './safeguarding-gate';
export * from './safeguarding.module';
export * from './volunteer-links.registry';
