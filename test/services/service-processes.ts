import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { childProcessEnv, freePort, waitFor } from '@vpp/testing';
import type { TranspiledTree } from './transpiled-tree';

const ROOT = join(__dirname, '..', '..');

/** The separately deployable apps the split deployment runs (docker-compose.yml names the same). */
export type ServiceApp = 'api' | 'connector' | 'planner' | 'dispatcher' | 'settlement';

export interface ServiceProcess {
  readonly name: string;
  readonly app: ServiceApp;
  readonly url: string;
  readonly child: ChildProcess;
  /** Where its stdout and stderr (pino JSON lines) go. */
  readonly logFile: string;
  /** The last lines the process wrote to stderr, for a failure message. */
  stderrTail(): string;
}

/**
 * One app as its own OS process: its `main` (what `npm run dev:<app>` / `start:<app>` runs) from
 * the transpiled tree, through node directly so SIGTERM reaches the app itself and not an npm
 * wrapper, with tsconfig-paths resolving @vpp/* inside the tree. `env` is the deployment's
 * environment; the process listens on `port` (a free one by default) on 127.0.0.1.
 */
export async function startService(name: string, app: ServiceApp, tree: TranspiledTree, env: Record<string, string>, logDir: string, port?: number): Promise<ServiceProcess> {
  const listenOn = port ?? (await freePort());
  const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', join(tree.dir, 'apps', app, 'src', 'main.js')], {
    cwd: ROOT,
    env: childProcessEnv({ ...env, TS_NODE_PROJECT: tree.tsconfig, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(listenOn) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  const tail: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    tail.push(chunk.toString());
    if (tail.length > 40) tail.shift();
  });
  return { name, app, url: `http://127.0.0.1:${listenOn}`, child, logFile, stderrTail: () => tail.join('') };
}

/** Readiness of every process: GET /health answers 200 (PostgreSQL and Redis reachable), or the process died. */
export async function waitHealthy(services: readonly ServiceProcess[], timeoutMs: number): Promise<void> {
  await Promise.all(
    services.map((service) =>
      waitFor(
        `${service.name} /health`,
        async () => {
          if (service.child.exitCode !== null) throw new Error(`${service.name} exited with ${service.child.exitCode}: ${service.stderrTail()}`);
          const response = await fetch(`${service.url}/health`);
          return response.status === 200;
        },
        timeoutMs,
        250,
      ).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${service.name} never became healthy (${reason}); exit ${String(service.child.exitCode)}; log ${service.logFile}; stderr: ${service.stderrTail()}`);
      }),
    ),
  );
}

/** SIGTERM to each process still running and wait for its exit (SIGKILL after `graceMs`); returns the exit codes/signals. */
export async function stopServices(services: readonly ServiceProcess[], graceMs = 15_000): Promise<Record<string, string>> {
  const exits = await Promise.all(
    services.map(
      (service) =>
        new Promise<[string, string]>((resolve) => {
          const { child } = service;
          const describe = (): string => (child.signalCode !== null ? child.signalCode : String(child.exitCode));
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve([service.name, describe()]);
            return;
          }
          const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(killer);
            resolve([service.name, describe()]);
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  return Object.fromEntries(exits);
}
