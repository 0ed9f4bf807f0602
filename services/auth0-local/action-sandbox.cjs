'use strict';
/**
 * The inside of one run of the post-login Actions. actions.ts starts this file
 * in a worker thread of its own for every run, with an empty process.env, so
 * an Action sees what it sees on Auth0 and nothing of the local Auth0: not
 * its variables (AUTH0_CLIENT_SECRET…), globals or module cache. It is plain
 * CommonJS because a worker runs it without the TypeScript loader.
 *
 * What an Action asks of `api` is recorded and posted back; actions.ts turns it
 * into claims, scopes or a denial.
 */
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, isBuiltin } = require('node:module');

const { actions, event, cacheEntries, projectRoot, unsupported } = workerData;
// Declared dependencies come from the project's node_modules, so they work offline.
const projectRequire = createRequire(path.join(projectRoot, 'package.json'));

function packageName(id) {
  const parts = id.split('/');
  return id.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function moduleNotFound(id, hint) {
  const error = new Error(`Cannot find module '${id}'\n${hint}`);
  error.code = 'MODULE_NOT_FOUND';
  return error;
}

/** Auth0's `require` in an Action: Node's built-in modules and the Action's declared dependencies. */
function requireFor(action) {
  const declared = new Map(action.dependencies.map((d) => [d.name, d.version]));
  return function requireInAction(id) {
    if (isBuiltin(id)) return require(id);
    const name = packageName(id);
    if (!id.startsWith('.') && !path.isAbsolute(id) && declared.has(name)) {
      try {
        return projectRequire(id);
      } catch (error) {
        if (error && error.code === 'MODULE_NOT_FOUND') {
          throw moduleNotFound(
            id,
            `"${name}" is declared under the dependencies of Action "${action.name}" in auth0/tenant.yaml, ` +
              `but is not installed in the project: run npm install --save-dev ${name}@${declared.get(name)}.`,
          );
        }
        throw error;
      }
    }
    throw moduleNotFound(
      id,
      id.startsWith('.') || path.isAbsolute(id)
        ? 'An Action is a single file on Auth0: it cannot require files of its own.'
        : `On Auth0 an Action can require only Node's built-in modules and the npm packages it declares: ` +
            `add { name: ${name}, version: <version> } under the dependencies of Action "${action.name}" in auth0/tenant.yaml.`,
    );
  };
}

/** Evaluates the Action's file afresh, as a CommonJS module like Auth0 does. */
function loadAction(action) {
  const source = fs.readFileSync(action.file, 'utf8');
  const actionModule = { exports: {} };
  const run = vm.compileFunction(
    source,
    ['exports', 'require', 'module', '__filename', '__dirname'],
    { filename: action.file },
  );
  run.call(
    actionModule.exports,
    actionModule.exports,
    requireFor(action),
    actionModule,
    action.file,
    path.dirname(action.file),
  );
  return actionModule.exports;
}

/** A value as it would reach a token: JSON. */
function asJson(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// api.cache (Post-login API object): 15 minutes unless told, 24 hours at most (Actions Limitations).
const DEFAULT_CACHE_TTL = 15 * 60 * 1000;
const MAX_CACHE_TTL = 24 * 60 * 60 * 1000;
const cache = new Map(Object.entries(cacheEntries));
const cacheChanges = [];

const outcome = {
  idTokenClaims: [],
  accessTokenClaims: [],
  addedScopes: [],
  removedScopes: [],
  appMetadata: [],
  userMetadata: [],
  cacheChanges,
  // The last call wins, as on Auth0; the challenge itself comes after every Action ran.
  multifactor: null,
};

let current = null;
let denial = null;
let unsupportedCall = null;

const api = {
  access: {
    deny(reason) {
      denial = String(reason);
      return api;
    },
  },
  idToken: {
    setCustomClaim(name, value) {
      outcome.idTokenClaims.push([current, String(name), asJson(value)]);
      return api;
    },
  },
  accessToken: {
    setCustomClaim(name, value) {
      outcome.accessTokenClaims.push([current, String(name), asJson(value)]);
      return api;
    },
    addScope(scope) {
      outcome.addedScopes.push(String(scope));
      return api;
    },
    removeScope(scope) {
      outcome.removedScopes.push(String(scope));
      return api;
    },
  },
  multifactor: {
    enable(provider, options = {}) {
      outcome.multifactor = {
        action: current,
        provider: String(provider),
        allowRememberBrowser: Boolean(options && options.allowRememberBrowser),
      };
      return api;
    },
  },
  user: {
    setAppMetadata(name, value) {
      outcome.appMetadata.push([String(name), asJson(value)]);
      return api;
    },
    setUserMetadata(name, value) {
      outcome.userMetadata.push([String(name), asJson(value)]);
      return api;
    },
  },
  cache: {
    get(key) {
      const record = cache.get(String(key));
      if (!record || record.expires_at <= Date.now()) return undefined;
      return { value: record.value, expires_at: record.expires_at };
    },
    set(key, value, options = {}) {
      const now = Date.now();
      const requested =
        typeof options.expires_at === 'number'
          ? options.expires_at
          : now + (typeof options.ttl === 'number' ? options.ttl : DEFAULT_CACHE_TTL);
      const record = { value: String(value), expires_at: Math.min(requested, now + MAX_CACHE_TTL) };
      cache.set(String(key), record);
      cacheChanges.push([String(key), record]);
      return { type: 'success', record };
    },
    delete(key) {
      cache.delete(String(key));
      cacheChanges.push([String(key), null]);
      return { type: 'success' };
    },
  },
};

// What Auth0 offers but the local Auth0 cannot do: calling it ends the login.
for (const method of unsupported) {
  const [namespace, name] = method.split('.');
  api[namespace] = api[namespace] || {};
  api[namespace][name] = () => {
    const message = `api.${method} is not supported by the local Auth0: see docs/local-auth0.md`;
    unsupportedCall = unsupportedCall || message;
    throw new Error(message);
  };
}

async function main() {
  for (const action of actions) {
    current = action.name;
    parentPort.postMessage({ type: 'started', action: action.name });
    let handler;
    try {
      handler = loadAction(action).onExecutePostLogin;
    } catch (error) {
      return {
        type: 'failed',
        message: `failed to load: ${messageOf(error)}`,
        action: action.name,
      };
    }
    if (typeof handler !== 'function') {
      return {
        type: 'failed',
        message: 'does not export onExecutePostLogin.',
        action: action.name,
      };
    }
    let thrown = null;
    try {
      await handler({ ...event, secrets: action.secrets }, api);
    } catch (error) {
      thrown = error;
    }
    if (unsupportedCall)
      return { type: 'unsupported', message: unsupportedCall, action: action.name };
    if (thrown)
      return { type: 'failed', message: `threw: ${messageOf(thrown)}`, action: action.name };
    // As on Auth0, a denial ends the flow: later Actions do not run.
    if (denial !== null) return { type: 'denied', reason: denial };
  }
  return { type: 'done' };
}

function messageOf(error) {
  return error && typeof error === 'object' && 'message' in error
    ? String(error.message)
    : String(error);
}

// An Action whose promise never settles keeps the run waiting, as on Auth0,
// until the time limit ends it (actions.ts terminates this thread).
setInterval(() => {}, 60_000);

main().then(
  (end) => parentPort.postMessage({ type: 'end', end, outcome }),
  (error) =>
    parentPort.postMessage({
      type: 'end',
      end: { type: 'failed', message: `threw: ${messageOf(error)}`, action: current },
      outcome,
    }),
);
