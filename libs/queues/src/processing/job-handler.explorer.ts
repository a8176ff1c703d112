import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { JobName } from '../catalog/job-catalog';
import type { DiscoveredJobHandler } from './check-job-handlers';
import type { JobHandlerTable } from './job-context';
import { jobHandlerMetadataOf } from './job-handler.decorator';

export interface BoundJobHandler extends DiscoveredJobHandler {
  readonly invoke: (...args: unknown[]) => unknown;
}

/** Finds every `@JobHandler` method on the app's providers (singletons only). */
@Injectable()
export class JobHandlerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  explore(): BoundJobHandler[] {
    const found: BoundJobHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || typeof instance !== 'object' || instance === null) continue;
      const prototype: object | null = Object.getPrototypeOf(instance);
      if (prototype === null) continue;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method: unknown = Reflect.get(prototype, methodName);
        const metadata = jobHandlerMetadataOf(method);
        if (metadata === undefined || typeof method !== 'function') continue;
        const location = `${instance.constructor.name}.${methodName}`;
        found.push({ ...metadata, location, invoke: (...args: unknown[]): unknown => Reflect.apply(method, instance, args) });
      }
    }
    return found;
  }
}

/** The dispatch table of the handlers found; only call after `checkJobHandlers` passed. */
export function toHandlerTable(handlers: readonly BoundJobHandler[]): JobHandlerTable {
  const table: Partial<Record<JobName, BoundJobHandler['invoke']>> = {};
  for (const handler of handlers) table[handler.jobName as JobName] = handler.invoke;
  // Each entry was declared through `@JobHandler(queue, jobName)`, which typed the method's payload.
  return table as JobHandlerTable;
}
