/**
 * Reads auth0/tenant.yaml (Auth0 Deploy CLI format) and auth0/local-users.yaml.
 *
 * Only the parts the local Auth0 acts on are validated here; anything else in
 * the file is left for the Deploy CLI. Mistakes are reported with the file
 * and the field, because a silently ignored typo in a callback URL or a role
 * name is the kind of bug that costs an afternoon.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { tenantKeywords } from '../../auth0/keywords';

/** One year: the longest absolute lifetime Auth0 accepts for rotating refresh tokens. */
const MAX_ROTATING_LIFETIME = 31557600;

/**
 * A client's refresh-token settings, with the defaults and the rules of Auth0's
 * Management API: rotation_type and expiration_type are required, and rotating
 * refresh tokens must expire ("If rotation is enabled, an expiration lifetime
 * must be set"), after at most a year.
 */
const refreshTokenSchema = z
  .object({
    rotation_type: z.enum(['rotating', 'non-rotating']),
    expiration_type: z.enum(['expiring', 'non-expiring']),
    leeway: z.number().int().nonnegative().default(0),
    token_lifetime: z.number().int().positive().default(2592000),
    idle_token_lifetime: z.number().int().positive().default(1296000),
    infinite_token_lifetime: z.boolean().default(false),
    infinite_idle_token_lifetime: z.boolean().default(false),
  })
  .superRefine((settings, ctx) => {
    if (settings.rotation_type !== 'rotating') return;
    if (settings.expiration_type !== 'expiring') {
      ctx.addIssue({
        code: 'custom',
        path: ['expiration_type'],
        message:
          'rotating refresh tokens must expire on Auth0: set expiration_type: expiring (or rotation_type: non-rotating).',
      });
    }
    if (settings.infinite_token_lifetime) {
      ctx.addIssue({
        code: 'custom',
        path: ['infinite_token_lifetime'],
        message:
          'rotating refresh tokens need an absolute lifetime on Auth0: set infinite_token_lifetime: false and a token_lifetime.',
      });
    }
    if (settings.token_lifetime > MAX_ROTATING_LIFETIME) {
      ctx.addIssue({
        code: 'custom',
        path: ['token_lifetime'],
        message: `at most ${MAX_ROTATING_LIFETIME} seconds (one year) for rotating refresh tokens on Auth0.`,
      });
    }
  });

const clientSchema = z.object({
  name: z.string(),
  app_type: z.string().optional(),
  callbacks: z.array(z.string()).default([]),
  allowed_logout_urls: z.array(z.string()).default([]),
  grant_types: z.array(z.string()).default(['authorization_code', 'refresh_token']),
  // How the app authenticates at /oauth/token and /oauth/revoke. Auth0 accepts
  // only the configured method; so does the local Auth0.
  token_endpoint_auth_method: z
    .enum(['client_secret_post', 'client_secret_basic'])
    .default('client_secret_post'),
  // Auth0 asks the user to confirm a login that completes through single
  // sign-on when the callback URL is not verifiable (http://localhost:…, a
  // custom scheme), unless this is true. Auth0's default is false.
  skip_non_verifiable_callback_uri_confirmation_prompt: z.boolean().default(false),
  jwt_configuration: z
    .object({ lifetime_in_seconds: z.number().int().positive() })
    .partial()
    .optional(),
  refresh_token: refreshTokenSchema.optional(),
  // event.client.metadata in the Actions: string values, as on Auth0.
  client_metadata: z.record(z.string(), z.string()).default({}),
});

const resourceServerSchema = z.object({
  name: z.string(),
  identifier: z.string(),
  token_lifetime: z.number().int().positive().default(86400),
  allow_offline_access: z.boolean().default(false),
  // "Allow Skipping User Consent": first-party apps skip the consent screen,
  // but only when Auth0 can verify their callback URL (never on localhost).
  skip_consent_for_verifiable_first_party_clients: z.boolean().default(false),
  enforce_policies: z.boolean().default(false),
  token_dialect: z.enum(['access_token', 'access_token_authz']).default('access_token'),
  scopes: z.array(z.object({ value: z.string(), description: z.string().optional() })).default([]),
});

const roleSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  permissions: z
    .array(z.object({ permission_name: z.string(), resource_server_identifier: z.string() }))
    .default([]),
});

const actionSchema = z.object({
  name: z.string(),
  code: z.string(),
  supported_triggers: z.array(z.object({ id: z.string() })).default([]),
  // The npm packages the Action may require (Auth0: "Manage Dependencies").
  dependencies: z.array(z.object({ name: z.string(), version: z.string() })).default([]),
  // event.secrets (Auth0: "Handle Secrets"); values come from ##KEYWORD## replacement.
  secrets: z.array(z.object({ name: z.string(), value: z.string().optional() })).default([]),
});

const tenantSchema = z.object({
  clients: z.array(clientSchema).min(1, 'clients: add the Next.js app as a regular_web client'),
  resourceServers: z.array(resourceServerSchema).default([]),
  roles: z.array(roleSchema).default([]),
  actions: z.array(actionSchema).default([]),
  triggers: z.record(z.string(), z.array(z.object({ action_name: z.string() }))).default({}),
  // Deploy CLI's MFA settings (Dashboard: Security → Multi-factor Auth).
  guardianFactors: z.array(z.object({ name: z.string(), enabled: z.boolean() })).default([]),
  guardianPolicies: z.object({ policies: z.array(z.string()).default([]) }).optional(),
});

/** An authenticator app's secret: base32, at least 16 bytes (26 characters), as otplib requires. */
const totpSecretSchema = z
  .string()
  .regex(/^[A-Z2-7]+=*$/, 'a base32 secret: the letters A-Z and the digits 2-7')
  .min(26, 'at least 26 base32 characters (16 bytes)');

const usersSchema = z.object({
  password: z.string().min(1),
  users: z
    .array(
      z.object({
        user_id: z.string(),
        email: z.email(),
        name: z.string(),
        nickname: z.string(),
        picture: z.string().optional(),
        // As on Auth0: verified unless said otherwise, blocked users are refused.
        email_verified: z.boolean().default(true),
        blocked: z.boolean().default(false),
        created_at: z.iso.datetime({ offset: true }).optional(),
        roles: z.array(z.string()).default([]),
        app_metadata: z.record(z.string(), z.unknown()).default({}),
        user_metadata: z.record(z.string(), z.unknown()).default({}),
        // Enrolled in the one-time-password factor with this secret (base32).
        mfa: z.object({ totp_secret: totpSecretSchema }).optional(),
      }),
    )
    .min(1),
});

export type TenantClient = z.infer<typeof clientSchema>;
export type RefreshTokenSettings = z.infer<typeof refreshTokenSchema>;
export type ResourceServer = z.infer<typeof resourceServerSchema>;
export type LocalUser = z.infer<typeof usersSchema>['users'][number];

export type PostLoginAction = {
  name: string;
  file: string;
  dependencies?: { name: string; version: string }[];
  secrets?: { name: string; value?: string }[];
};

export type Tenant = {
  client: TenantClient;
  resourceServers: ResourceServer[];
  /** Role name → permissions, per resource server identifier. */
  roles: Map<string, { permission: string; audience: string }[]>;
  /** The Actions bound to the post-login trigger, in order. */
  postLoginActions: PostLoginAction[];
  users: LocalUser[];
  password: string;
  /**
   * What the local Auth0 cannot honour in the tenant file (settings it does not
   * emulate, secrets without a value): printed at start-up, so nothing is
   * ignored silently.
   */
  warnings: string[];
};

export class TenantConfigError extends Error {
  override name = 'TenantConfigError';
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new TenantConfigError(`${file}: cannot read the file.`);
  }
  try {
    return parse(text);
  } catch (error) {
    throw new TenantConfigError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
}

function validate<T>(file: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  - ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
  );
  throw new TenantConfigError([`${file} is not valid:`, ...problems].join('\n'));
}

type Keywords = Record<string, string | string[]>;

function unknownKeyword(file: string, keyword: string, keywords: Keywords) {
  return new TenantConfigError(
    `${file}: unknown keyword ${keyword} (known: ${Object.keys(keywords).join(', ')}).`,
  );
}

/**
 * Deploy CLI keyword replacement: ##KEY## inside a string becomes a string;
 * a value that is exactly '@@KEY@@' becomes a whole list (the Deploy CLI's
 * array form, for fields such as callbacks).
 */
function replaceKeywords(value: unknown, keywords: Keywords, file: string): unknown {
  const arrayKeyword = typeof value === 'string' && /^@@([A-Z0-9_]+)@@$/.exec(value);
  if (arrayKeyword) {
    const replacement = keywords[arrayKeyword[1]!];
    if (!Array.isArray(replacement)) throw unknownKeyword(file, value as string, keywords);
    return replacement;
  }
  if (typeof value === 'string') {
    return value.replace(/##([A-Z0-9_]+)##/g, (_, key: string) => {
      const replacement = keywords[key];
      if (typeof replacement !== 'string') throw unknownKeyword(file, `##${key}##`, keywords);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => replaceKeywords(item, keywords, file));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceKeywords(item, keywords, file)]),
    );
  }
  return value;
}

type Environment = Record<string, string | undefined>;

/**
 * The Actions' secrets, with their ##KEYWORD## replaced as the Deploy CLI
 * replaces keywords, from the keywords or else from the environment (.env.local).
 * A secret left without a value is reported, not an error: only the Action
 * that reads it is affected.
 */
function resolveSecrets(raw: unknown, keywords: Keywords, environment: Environment) {
  const warnings: string[] = [];
  const actions = (raw as { actions?: unknown } | null)?.actions;
  if (!Array.isArray(actions)) return warnings;
  for (const action of actions as { name?: unknown; secrets?: unknown }[]) {
    if (!Array.isArray(action?.secrets)) continue;
    for (const secret of action.secrets as { name?: unknown; value?: unknown }[]) {
      const where = `Action "${String(action.name)}" declares the secret ${String(secret?.name)}`;
      if (typeof secret?.value !== 'string') {
        warnings.push(`${where} without a value: event.secrets.${String(secret?.name)} is absent.`);
        delete secret?.value;
        continue;
      }
      const missing: string[] = [];
      const value = secret.value.replace(/##([A-Z0-9_]+)##/g, (keyword, key: string) => {
        const replacement = keywords[key] ?? environment[key];
        if (typeof replacement === 'string' && replacement !== '') return replacement;
        missing.push(key);
        return keyword;
      });
      if (missing.length) {
        warnings.push(
          `${where} from ${missing.map((key) => `##${key}##`).join(', ')}, but ${missing.join(', ')} is not set: set it in .env.local (see .env.local.example). event.secrets.${String(secret.name)} is absent until then.`,
        );
        delete secret.value;
      } else {
        secret.value = value;
      }
    }
  }
  return warnings;
}

/**
 * The settings of tenant.yaml the local Auth0 acts on, or can safely pass over
 * (descriptions, the Deploy CLI's own fields). Anything else is something
 * Auth0 would do and the local Auth0 would not: say so at start-up.
 */
const HONOURED = {
  top: [
    'clients',
    'resourceServers',
    'roles',
    'actions',
    'triggers',
    'guardianFactors',
    'guardianPolicies',
  ],
  client: [
    'name',
    'description',
    'app_type',
    'oidc_conformant',
    'token_endpoint_auth_method',
    'grant_types',
    'skip_non_verifiable_callback_uri_confirmation_prompt',
    'callbacks',
    'allowed_logout_urls',
    'jwt_configuration',
    'refresh_token',
    'client_metadata',
  ],
  jwtConfiguration: ['alg', 'lifetime_in_seconds'],
  refreshToken: Object.keys(refreshTokenSchema.shape),
  resourceServer: [
    'name',
    'identifier',
    'signing_alg',
    'token_lifetime',
    'allow_offline_access',
    'skip_consent_for_verifiable_first_party_clients',
    'enforce_policies',
    'token_dialect',
    'scopes',
  ],
  role: ['name', 'description', 'permissions'],
  action: ['name', 'code', 'runtime', 'deployed', 'dependencies', 'secrets', 'supported_triggers'],
  binding: ['action_name', 'display_name'],
};

function unhonouredSettings(raw: unknown): string[] {
  const found: string[] = [];
  const objectAt = (value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  const extraKeys = (value: unknown, known: string[], where: string) => {
    for (const key of Object.keys(objectAt(value) ?? {})) {
      if (!known.includes(key)) found.push(`${where}${key}: not emulated by the local Auth0`);
    }
  };
  const tenant = objectAt(raw) ?? {};
  extraKeys(tenant, HONOURED.top, '');
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  list(tenant.clients).forEach((client, index) => {
    const where = `clients[${index}]`;
    const settings = objectAt(client) ?? {};
    if (settings.app_type !== 'regular_web') {
      found.push(`${where} (${String(settings.name)}): only the regular_web client is registered`);
      return;
    }
    extraKeys(settings, HONOURED.client, `${where}.`);
    extraKeys(settings.jwt_configuration, HONOURED.jwtConfiguration, `${where}.jwt_configuration.`);
    extraKeys(settings.refresh_token, HONOURED.refreshToken, `${where}.refresh_token.`);
    const alg = objectAt(settings.jwt_configuration)?.alg;
    if (alg !== undefined && alg !== 'RS256') {
      found.push(
        `${where}.jwt_configuration.alg: ${String(alg)}: the local Auth0 signs with RS256 only`,
      );
    }
    if (settings.oidc_conformant === false) {
      found.push(`${where}.oidc_conformant: false: the local Auth0 is always OIDC-conformant`);
    }
  });
  list(tenant.resourceServers).forEach((api, index) => {
    const where = `resourceServers[${index}]`;
    const settings = objectAt(api) ?? {};
    extraKeys(settings, HONOURED.resourceServer, `${where}.`);
    if (settings.signing_alg !== undefined && settings.signing_alg !== 'RS256') {
      found.push(
        `${where}.signing_alg: ${String(settings.signing_alg)}: the local Auth0 signs access tokens with RS256 only`,
      );
    }
  });
  list(tenant.roles).forEach((role, index) => extraKeys(role, HONOURED.role, `roles[${index}].`));
  list(tenant.actions).forEach((action, index) =>
    extraKeys(action, HONOURED.action, `actions[${index}].`),
  );
  for (const [trigger, bindings] of Object.entries(objectAt(tenant.triggers) ?? {})) {
    if (trigger !== 'post-login') {
      if (list(bindings).length) {
        found.push(`triggers.${trigger}: the local Auth0 runs post-login Actions only`);
      }
      continue;
    }
    list(bindings).forEach((binding, index) =>
      extraKeys(binding, HONOURED.binding, `triggers.post-login[${index}].`),
    );
  }
  found.push(...unhonouredMfaSettings(tenant));
  return found;
}

/**
 * The local Auth0 offers one factor, one-time passwords (`otp`), when an
 * Action asks for one; MFA policies that require it on every login are not
 * applied. The settings that match that are honoured; the others are listed.
 */
function unhonouredMfaSettings(tenant: Record<string, unknown>): string[] {
  const found: string[] = [];
  const factors = Array.isArray(tenant.guardianFactors) ? tenant.guardianFactors : [];
  for (const factor of factors as { name?: unknown; enabled?: unknown }[]) {
    const name = String(factor?.name);
    if (name === 'otp' && factor?.enabled !== true) {
      found.push(
        'guardianFactors: otp is not enabled: the local Auth0 offers one-time passwords anyway',
      );
    } else if (name !== 'otp' && factor?.enabled === true) {
      found.push(
        `guardianFactors: ${name} is enabled: the local Auth0 offers one-time passwords (otp) only`,
      );
    }
  }
  const policies = (tenant.guardianPolicies as { policies?: unknown } | undefined)?.policies;
  if (Array.isArray(policies) && policies.length) {
    found.push(
      `guardianPolicies.policies: ${policies.join(', ')}: the local Auth0 asks for a second factor only when an Action calls api.multifactor.enable`,
    );
  }
  return found;
}

export function loadTenant(options: {
  tenantFile: string;
  usersFile: string;
  keywords: Keywords;
  /** Where the secrets' ##KEYWORD## values come from (the local Auth0 passes process.env). */
  environment?: Environment;
}): Tenant {
  const { tenantFile, usersFile } = options;
  // The same lists `npm run auth0:deploy` sends for this APP_BASE_URL.
  const appBaseUrl = options.keywords.APP_BASE_URL;
  const keywords =
    typeof appBaseUrl === 'string'
      ? { ...tenantKeywords(appBaseUrl), ...options.keywords }
      : options.keywords;
  const yaml = readYaml(tenantFile);
  const secretWarnings = resolveSecrets(yaml, keywords, options.environment ?? {});
  const raw = replaceKeywords(yaml, keywords, tenantFile);
  const unhonoured = unhonouredSettings(raw);
  const tenant = validate(tenantFile, tenantSchema, raw);
  const { users, password } = validate(usersFile, usersSchema, readYaml(usersFile));

  const webApps = tenant.clients.filter((client) => client.app_type === 'regular_web');
  const client = webApps[0];
  if (!client || webApps.length > 1) {
    throw new TenantConfigError(
      `${tenantFile}: expected exactly one client with app_type: regular_web (the Next.js app), found ${webApps.length}.`,
    );
  }

  const roles = new Map(
    tenant.roles.map((role) => [
      role.name,
      role.permissions.map((p) => ({
        permission: p.permission_name,
        audience: p.resource_server_identifier,
      })),
    ]),
  );
  for (const [roleName, permissions] of roles) {
    for (const { permission, audience } of permissions) {
      const api = tenant.resourceServers.find((rs) => rs.identifier === audience);
      if (!api) {
        throw new TenantConfigError(
          `${tenantFile}: role "${roleName}" refers to an unknown API "${audience}".`,
        );
      }
      if (!api.scopes.some((scope) => scope.value === permission)) {
        throw new TenantConfigError(
          `${tenantFile}: role "${roleName}" grants "${permission}", which is not a scope of "${audience}".`,
        );
      }
    }
  }
  for (const user of users) {
    for (const role of user.roles) {
      if (!roles.has(role)) {
        throw new TenantConfigError(
          `${usersFile}: user ${user.email} has an unknown role "${role}".`,
        );
      }
    }
  }

  const postLoginActions = (tenant.triggers['post-login'] ?? []).map(({ action_name }) => {
    const action = tenant.actions.find((a) => a.name === action_name);
    if (!action) {
      throw new TenantConfigError(
        `${tenantFile}: triggers.post-login binds "${action_name}", but no action has that name.`,
      );
    }
    if (!action.supported_triggers.some((trigger) => trigger.id === 'post-login')) {
      throw new TenantConfigError(
        `${tenantFile}: action "${action_name}" does not support the post-login trigger.`,
      );
    }
    const file = path.resolve(path.dirname(tenantFile), action.code);
    if (!fs.existsSync(file)) {
      throw new TenantConfigError(
        `${tenantFile}: action "${action_name}" points to ${action.code}, which does not exist.`,
      );
    }
    return { name: action.name, file, dependencies: action.dependencies, secrets: action.secrets };
  });

  return {
    client,
    resourceServers: tenant.resourceServers,
    roles,
    postLoginActions,
    users,
    password,
    warnings: [
      ...(unhonoured.length
        ? [
            `${tenantFile} has settings the local Auth0 does not honour (Auth0 would):\n${unhonoured.map((line) => `  - ${line}`).join('\n')}`,
          ]
        : []),
      ...secretWarnings,
    ],
  };
}

/** The permissions a user's roles give them on one API (Auth0 RBAC). */
export function permissionsFor(tenant: Tenant, user: LocalUser, audience: string): string[] {
  const permissions = new Set<string>();
  for (const role of user.roles) {
    for (const grant of tenant.roles.get(role) ?? []) {
      if (grant.audience === audience) permissions.add(grant.permission);
    }
  }
  return [...permissions];
}
