import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '@vpp/config';
import { childProcessEnv, freePort, waitFor } from '@vpp/testing';

const REPO_ROOT = join(__dirname, '..', '..', '..');

function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('still running'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? `killed by ${signal}`);
    });
  });
}

describe('apps/api as a real process', () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('answers /health, then exits 0 on SIGTERM within the shutdown timeout', async () => {
    const port = await freePort();
    const { shutdownTimeoutMs } = loadConfig();
    // Spawned directly (ts-node runs the app in its own process), so the pid we signal is the app's.
    child = spawn(join(REPO_ROOT, 'node_modules/.bin/ts-node'), ['--transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
      env: childProcessEnv({ HTTP_PORT: String(port) }),
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = exitOf(child, 90_000);

    await waitFor('the api to be healthy', async () => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200, 60_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}; app stderr:\n${stderr}`);
      },
    );

    const started = Date.now();
    child.kill('SIGTERM');
    const code = await exitOf(child, shutdownTimeoutMs + 2_000);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(Date.now() - started).toBeLessThan(shutdownTimeoutMs);
    await expect(exited).resolves.toBe(0);
  }, 120_000);
});
