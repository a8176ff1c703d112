import { TEST_DATABASE_URL, TEST_REDIS_URL } from './test-database';

// Every integration test file talks to the migrated test database and a Redis key prefix of its
// own jest worker, so parallel workers never see each other's queues.
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.REDIS_URL = TEST_REDIS_URL;
process.env.QUEUE_PREFIX = `{vpp-test-${process.env.JEST_WORKER_ID ?? '0'}}`;
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
