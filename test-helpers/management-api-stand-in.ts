/**
 * A stand-in for the Auth0 Management API, for testing `npm run auth0:deploy`.
 *
 * The real Management API cannot run here, so this small HTTPS server answers
 * only the endpoints that the Deploy CLI (for clients, resourceServers, roles,
 * actions, guardianFactors and guardianPolicies) and scripts/auth0-deploy read
 * and write, in the shapes the real API uses. It records every write, so a
 * test can assert exactly what a deploy would change in a tenant. Any other
 * request answers 404 and is recorded too, so a new call by a later Deploy CLI
 * shows up in the test instead of passing unnoticed.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export type Permission = { permission_name: string; resource_server_identifier: string };
export type Role = { id: string; name: string; description?: string; permissions: Permission[] };
export type Action = {
  id: string;
  name: string;
  code?: string;
  runtime?: string;
  supported_triggers: { id: string; version: string }[];
  [key: string]: unknown;
};
export type Binding = { id: string; action: { id: string; name: string }; display_name: string };
export type GuardianFactor = { name: string; enabled: boolean; trial_expired?: boolean };

export type TenantState = {
  clients: Record<string, unknown>[];
  resourceServers: Record<string, unknown>[];
  roles: Role[];
  actions: Action[];
  postLoginBindings: Binding[];
  /** Security → Multi-factor Auth: every factor, on or off. */
  guardianFactors: GuardianFactor[];
  /** The tenant-wide MFA policy: [] is "Never", or 'all-applications', 'confidence-score'. */
  guardianPolicies: string[];
};

export type RecordedCall = { method: string; path: string; body?: unknown };

/** The factors Auth0 lists for every tenant, all off in a new one. */
const FACTOR_NAMES = [
  'sms',
  'push-notification',
  'otp',
  'email',
  'duo',
  'webauthn-roaming',
  'webauthn-platform',
  'recovery-code',
];

export function emptyTenant(): TenantState {
  return {
    clients: [],
    resourceServers: [],
    roles: [],
    actions: [],
    postLoginBindings: [],
    guardianFactors: FACTOR_NAMES.map((name) => ({ name, enabled: false, trial_expired: false })),
    guardianPolicies: [],
  };
}

type Reply = { status: number; body?: unknown };

let nextId = 1;
const newId = (prefix: string) => `${prefix}_${nextId++}`;

function route(tenant: TenantState, method: string, url: URL, body: unknown): Reply | undefined {
  const path = url.pathname;
  const input = (body ?? {}) as Record<string, unknown>;
  const totals = url.searchParams.get('include_totals') === 'true';
  const page = <T>(key: string, items: T[]) =>
    totals ? { [key]: items, start: 0, limit: 100, total: items.length } : items;

  if (method === 'POST' && path === '/oauth/token') {
    return {
      status: 200,
      body: { access_token: 'stand-in-token', token_type: 'Bearer', expires_in: 86400 },
    };
  }

  // Applications
  if (method === 'GET' && path === '/api/v2/clients')
    return { status: 200, body: page('clients', tenant.clients) };
  if (method === 'POST' && path === '/api/v2/clients') {
    const client = { ...input, client_id: newId('client') };
    tenant.clients.push(client);
    return { status: 201, body: client };
  }

  // APIs
  if (method === 'GET' && path === '/api/v2/resource-servers')
    return { status: 200, body: page('resource_servers', tenant.resourceServers) };
  if (method === 'POST' && path === '/api/v2/resource-servers') {
    const api = { ...input, id: newId('api') };
    tenant.resourceServers.push(api);
    return { status: 201, body: api };
  }

  // Roles and their permissions
  if (method === 'GET' && path === '/api/v2/roles') {
    const filter = url.searchParams.get('name_filter')?.toLowerCase();
    const roles = tenant.roles
      .filter((role) => !filter || role.name.toLowerCase().includes(filter))
      .map(({ permissions: _, ...role }) => role);
    return { status: 200, body: page('roles', roles) };
  }
  if (method === 'POST' && path === '/api/v2/roles') {
    const role = { ...(input as Omit<Role, 'id'>), id: newId('rol'), permissions: [] };
    tenant.roles.push(role);
    return { status: 200, body: { id: role.id, name: role.name, description: role.description } };
  }
  const roleMatch = path.match(/^\/api\/v2\/roles\/([^/]+)(\/permissions)?$/);
  const role = roleMatch && tenant.roles.find((r) => r.id === roleMatch[1]);
  if (roleMatch && !role)
    return { status: 404, body: { statusCode: 404, message: 'The role does not exist.' } };
  if (role && roleMatch?.[2]) {
    const listed = (input.permissions ?? []) as Permission[];
    const same = (a: Permission) => (b: Permission) =>
      a.permission_name === b.permission_name &&
      a.resource_server_identifier === b.resource_server_identifier;
    if (method === 'GET') return { status: 200, body: page('permissions', role.permissions) };
    if (method === 'POST') {
      role.permissions.push(...listed.filter((p) => !role.permissions.some(same(p))));
      return { status: 201 };
    }
    if (method === 'DELETE') {
      role.permissions = role.permissions.filter((p) => !listed.some(same(p)));
      return { status: 204 };
    }
  }
  if (role && method === 'PATCH') {
    Object.assign(role, input);
    return { status: 200, body: { id: role.id, name: role.name, description: role.description } };
  }

  // Actions
  if (method === 'GET' && path === '/api/v2/actions/modules')
    return { status: 200, body: { modules: [], total: 0, page: 0, per_page: 100 } };
  if (method === 'GET' && path === '/api/v2/actions/actions')
    return {
      status: 200,
      body: { actions: tenant.actions, total: tenant.actions.length, page: 0, per_page: 50 },
    };
  if (method === 'POST' && path === '/api/v2/actions/actions') {
    const action = { ...input, id: newId('act'), status: 'built' } as unknown as Action;
    tenant.actions.push(action);
    return { status: 201, body: action };
  }
  const deployMatch = path.match(/^\/api\/v2\/actions\/actions\/([^/]+)\/deploy$/);
  if (method === 'POST' && deployMatch) {
    const action = tenant.actions.find((a) => a.id === deployMatch[1]);
    if (!action) return { status: 404, body: { message: 'The action does not exist.' } };
    action.deployed_version = {
      id: newId('ver'),
      code: action.code,
      runtime: action.runtime,
      deployed: true,
    };
    return { status: 200, body: action.deployed_version };
  }

  // The post-login trigger's bindings (the Login flow)
  if (path === '/api/v2/actions/triggers/post-login/bindings') {
    if (method === 'GET') {
      const bindings = tenant.postLoginBindings;
      return { status: 200, body: { bindings, total: bindings.length, page: 0, per_page: 50 } };
    }
    if (method === 'PATCH') {
      const refs = (input.bindings ?? []) as {
        ref: { type: string; value: string };
        display_name?: string;
      }[];
      const bindings: Binding[] = [];
      for (const { ref, display_name } of refs) {
        const action = tenant.actions.find(
          (a) => (ref.type === 'action_id' ? a.id : a.name) === ref.value,
        );
        if (!action)
          return { status: 404, body: { message: `The action ${ref.value} does not exist.` } };
        bindings.push({
          id: newId('bnd'),
          action: { id: action.id, name: action.name },
          display_name: display_name ?? action.name,
        });
      }
      tenant.postLoginBindings = bindings;
      return { status: 200, body: { bindings } };
    }
  }

  // Multi-factor authentication: the factors (there to turn on or off, never
  // created) and the tenant-wide policy, a list that replaces the previous one.
  const badRequest = (message: string) => ({
    status: 400,
    body: { statusCode: 400, error: 'Bad Request', message },
  });
  if (method === 'GET' && path === '/api/v2/guardian/factors')
    return { status: 200, body: tenant.guardianFactors };
  const factorMatch = path.match(/^\/api\/v2\/guardian\/factors\/([^/]+)$/);
  if (method === 'PUT' && factorMatch) {
    const factor = tenant.guardianFactors.find((f) => f.name === factorMatch[1]);
    if (!factor) return badRequest(`Path validation error: unknown factor ${factorMatch[1]}.`);
    if (typeof input.enabled !== 'boolean') return badRequest('Missing required property: enabled');
    factor.enabled = input.enabled;
    return { status: 200, body: { enabled: factor.enabled } };
  }
  if (path === '/api/v2/guardian/policies') {
    if (method === 'GET') return { status: 200, body: tenant.guardianPolicies };
    if (method === 'PUT') {
      const policies: unknown = body;
      const known = ['all-applications', 'confidence-score'];
      if (!Array.isArray(policies) || !policies.every((p) => known.includes(p as string)))
        return badRequest('Payload validation error: a list of all-applications, confidence-score');
      tenant.guardianPolicies = policies as string[];
      return { status: 200, body: tenant.guardianPolicies };
    }
  }
  return undefined;
}

export async function startManagementApiStandIn(options: {
  port: number;
  key: string;
  cert: string;
  tenant: TenantState;
}) {
  const calls: RecordedCall[] = [];
  const unknown: RecordedCall[] = [];
  const server = https.createServer({ key: options.key, cert: options.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://stand-in');
      const text = Buffer.concat(chunks).toString('utf8');
      const form = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
      const body: unknown = !text
        ? undefined
        : form
          ? Object.fromEntries(new URLSearchParams(text))
          : JSON.parse(text);
      const method = req.method ?? 'GET';
      const call = { method, path: url.pathname + url.search, ...(body ? { body } : {}) };
      calls.push(call);
      const reply = route(options.tenant, method, url, body);
      if (!reply) unknown.push(call);
      const { status, body: answer } = reply ?? {
        status: 404,
        body: { message: 'Not served by the stand-in.' },
      };
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(answer === undefined ? '' : JSON.stringify(answer));
    });
  });
  // The Deploy CLI may keep the event loop busy for many seconds (it compiles
  // its schemas) between two requests on one kept-alive connection. Auth0 keeps
  // idle connections open longer than Node's 5-second default: do the same.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    tenant: options.tenant,
    /** Every request, in order. */
    calls,
    /** Requests the stand-in does not serve. */
    unknown,
    /** The requests that change the tenant (everything but GET and the token request). */
    writes: () => calls.filter((c) => c.method !== 'GET' && c.path !== '/oauth/token'),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
