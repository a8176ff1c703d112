// The test database and Redis prefix. Tests create and migrate their own database (vpp_test)
// so a developer's `vpp` database is never touched.
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vpp_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A migrated copy of the schema that globalSetup rebuilds each run; scratch databases are copied from it. */
export const TEST_TEMPLATE_DATABASE = 'vpp_test_template';
