/**
 * A module resolution shortcut for the `bfm` process, registered by bin/bfm.js before anything
 * else is imported.
 *
 * Why: drizzle-orm ships a 180 kB package.json (an `exports` entry per file). For every one of
 * its ~100 modules that is loaded, Node (24.x) looks up the package's "type" to tell ESM from
 * CommonJS and, in doing so, parses that whole `exports` map again; the same happens for every
 * `import … from 'drizzle-orm…'` in our own files. That was 0.55 s of the 0.75 s it took to
 * import the database client. Both answers never change within a process, so:
 *
 *   - a relative `./x.js` import from inside drizzle-orm resolves to the file next to it, as an
 *     ES module (drizzle-orm's package.json has "type": "module"; its CommonJS files end in
 *     .cjs and are not touched here);
 *   - a bare `drizzle-orm…` specifier from our own sources is resolved once per specifier and
 *     set of conditions, then remembered.
 *
 * Everything else goes through Node's resolver unchanged. Only bin/bfm.js uses this; tests
 * and Vite resolve modules their own way.
 */
import { registerHooks, type ResolveFnOutput } from 'node:module';

const DRIZZLE = '/node_modules/drizzle-orm/';

/** Registers the shortcut for the rest of the process. */
export function registerModuleHooks(): void {
  const remembered = new Map<string, ResolveFnOutput>();
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL ?? '';
      if (
        parent.includes(DRIZZLE) &&
        (specifier.startsWith('./') || specifier.startsWith('../')) &&
        specifier.endsWith('.js')
      ) {
        return { url: new URL(specifier, parent).href, format: 'module', shortCircuit: true };
      }
      if (specifier.startsWith('drizzle-orm') && !parent.includes('/node_modules/')) {
        const key = `${specifier}\0${(context.conditions ?? []).join(',')}`;
        let resolved = remembered.get(key);
        if (resolved === undefined) {
          resolved = { ...nextResolve(specifier, context), shortCircuit: true };
          remembered.set(key, resolved);
        }
        return resolved;
      }
      return nextResolve(specifier, context);
    },
  });
}
