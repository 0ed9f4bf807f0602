/**
 * The build-time half of lib/server-only.ts: a webpack plugin for Next.js's
 * browser build that fails it when a module marked server-only is part of it.
 */
import path from 'node:path';

/** The few webpack types used here (webpack's own types are internal to Next.js). */
type Module = { resource?: string };
type ModuleGraph = {
  getIssuer(module: Module): Module | null | undefined;
  getIncomingConnections(module: Module): Iterable<{ originModule: Module | null }>;
};
type Compilation = {
  moduleGraph: ModuleGraph;
  errors: Error[];
  hooks: { finishModules: { tap(name: string, run: (modules: Iterable<Module>) => void): void } };
};
type Compiler = {
  context: string;
  hooks: { thisCompilation: { tap(name: string, run: (compilation: Compilation) => void): void } };
};

export const SERVER_ONLY_MARKER = path.join(__dirname, 'server-only.ts');

export class ServerOnlyCheck {
  constructor(private readonly marker = SERVER_ONLY_MARKER) {}

  apply(compiler: Compiler) {
    compiler.hooks.thisCompilation.tap('ServerOnlyCheck', (compilation) => {
      compilation.hooks.finishModules.tap('ServerOnlyCheck', (modules) => {
        const marker = [...modules].find((module) => module.resource === this.marker);
        if (!marker) return;
        const name = (module: Module) =>
          path.relative(compiler.context, module.resource ?? '?').replaceAll(path.sep, '/');
        for (const { originModule } of compilation.moduleGraph.getIncomingConnections(marker)) {
          if (!originModule?.resource) continue;
          // The chain of imports from a page down to the server-only module.
          const chain = [originModule];
          for (let issuer = compilation.moduleGraph.getIssuer(originModule); issuer;) {
            if (issuer.resource) chain.unshift(issuer);
            issuer = compilation.moduleGraph.getIssuer(issuer);
          }
          compilation.errors.push(
            new Error(
              `${name(originModule)} is server-only (it imports lib/server-only.ts), but the browser's ` +
                `JavaScript imports it: ${chain.map(name).join(' → ')}. Use it in ` +
                'getServerSideProps or an API route, and pass the result to the page as props.',
            ),
          );
        }
      });
    });
  }
}
