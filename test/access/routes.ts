import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';

export interface RouteInfo {
  readonly method: string;
  readonly path: string;
  readonly params: string[];
}

function joinPath(...parts: string[]): string {
  return `/${parts.map((part) => part.replace(/^\/+|\/+$/g, '')).filter((part) => part.length > 0).join('/')}`;
}

/** Every route the app's controllers declare, read from Nest's own metadata (what the router serves). */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const moduleRef of app.get(ModulesContainer).values()) {
    for (const wrapper of moduleRef.controllers.values()) {
      const controllerClass = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controllerClass) continue;
      const basePath = (Reflect.getMetadata(PATH_METADATA, controllerClass) as string | undefined) ?? '';
      const prototype = controllerClass.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const path = joinPath(basePath, (Reflect.getMetadata(PATH_METADATA, handler) as string | undefined) ?? '');
        routes.push({ method: RequestMethod[method], path, params: [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]) });
      }
    }
  }
  return routes;
}

export function fillPath(route: RouteInfo, ids: Readonly<Record<string, string>>): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const id = ids[name];
    if (id === undefined) throw new Error(`no id for :${name} in ${route.method} ${route.path}: add it to the isolation test`);
    return id;
  });
}
