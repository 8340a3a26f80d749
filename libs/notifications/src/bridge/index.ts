// The parts of notifications that need accounts (users' addresses and languages, auth guards,
// passwords). Only the apps import this entry point, so for every other lib notifications still
// depends on the platform alone.
export * from './notifications-http.module';
export * from './notifications-worker.module';
export * from './password-reset/password-reset-token.entity';
export * from './password-reset/password-reset.service';
