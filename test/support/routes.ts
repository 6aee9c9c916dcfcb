import type { Express } from 'express';

/** A route the app declares, as "METHOD /path/:param". */
export interface DeclaredRoute { method: string; path: string; key: string }

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
}

/**
 * Every route the app's routers declare, read from Express 5's router stack:
 * a layer with a route is an endpoint; a layer whose handle has a stack is a
 * nested router, mounted at its own path ('/' for the app's component routers).
 * HEAD is left out: Express answers it with the GET route.
 */
export function declaredRoutes(app: Express): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = layer.route.path;
        if (typeof path !== 'string') throw new Error(`a route with a path that is not a string: ${String(path)}`);
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all' && m !== 'head')) {
          const full = prefix + path;
          routes.push({ method: method.toUpperCase(), path: full, key: `${method.toUpperCase()} ${full}` });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes;
}
