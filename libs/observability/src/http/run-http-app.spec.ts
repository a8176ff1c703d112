import { Logger } from '@nestjs/common';
import { ClosableApp, createShutdownHandler } from './run-http-app';

function appClosingWith(close: () => Promise<void>): ClosableApp & { closeCalls: number } {
  const app = {
    closeCalls: 0,
    close: () => {
      app.closeCalls += 1;
      return close();
    },
  };
  return app;
}

function exitCode(): { exit: (code: number) => void; code: Promise<number> } {
  let exit: (code: number) => void = () => undefined;
  const code = new Promise<number>((resolve) => (exit = resolve));
  return { exit, code };
}

describe(createShutdownHandler.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('exits 0 once the app closed, and closes only once on repeated signals', async () => {
    const app = appClosingWith(() => Promise.resolve());
    const { exit, code } = exitCode();
    const sut = createShutdownHandler(app, 1_000, exit);
    sut('SIGTERM');
    sut('SIGINT');
    await expect(code).resolves.toBe(0);
    expect(app.closeCalls).toBe(1);
  });

  it('exits 1 when closing fails', async () => {
    const { exit, code } = exitCode();
    createShutdownHandler(appClosingWith(() => Promise.reject(new Error('pool stuck'))), 1_000, exit)('SIGTERM');
    await expect(code).resolves.toBe(1);
  });

  it('exits 1 when closing outlasts the timeout', async () => {
    const { exit, code } = exitCode();
    const started = Date.now();
    createShutdownHandler(appClosingWith(() => new Promise<void>(() => undefined)), 50, exit)('SIGTERM');
    await expect(code).resolves.toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
