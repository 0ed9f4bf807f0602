/**
 * The few Management API calls `npm run auth0:deploy` makes itself, next to the
 * Deploy CLI: reading what a deploy would overwrite, and writing the Login
 * flow's bindings without dropping other Actions.
 *
 * Plain fetch on purpose: each call is one documented endpoint
 * (https://auth0.com/docs/api/management/v2), readable without an SDK.
 */

export type TenantBinding = { action: { id: string; name: string }; display_name: string };
export type RolePermission = { permission_name: string; resource_server_identifier: string };
export type GuardianFactor = { name: string; enabled: boolean };
export type BindingRef = {
  ref: { type: 'action_id' | 'action_name'; value: string };
  display_name: string;
};

const PAGE_SIZE = 50;

export class ManagementApi {
  private constructor(
    private readonly domain: string,
    private readonly token: string,
  ) {}

  /** A Management API token for the Deploy CLI's Machine-to-Machine application. */
  static async connect(domain: string, clientId: string, clientSecret: string) {
    const response = await fetch(`https://${domain}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        audience: `https://${domain}/api/v2/`,
      }),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new Error(
        `${domain} refused the Deploy CLI's credentials (${response.status}): ${String(body.error_description ?? body.error ?? 'no access token')}. ` +
          'Check AUTH0_DEPLOY_CLIENT_ID and AUTH0_DEPLOY_CLIENT_SECRET, and that the application is authorized for the Management API.',
      );
    }
    return new ManagementApi(domain, body.access_token);
  }

  private async call<T>(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`https://${this.domain}/api/v2${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = (await response.json().catch(() => ({}))) as T & { message?: string };
    if (!response.ok) {
      // A missing scope is the usual cause: Auth0's message names it.
      throw new Error(
        `${method} /api/v2${path} failed (${response.status}): ${answer.message ?? ''}`,
      );
    }
    return answer;
  }

  /** The Actions bound to the Login flow, in the order they run. */
  async postLoginBindings(): Promise<TenantBinding[]> {
    const bindings: TenantBinding[] = [];
    for (let page = 0; ; page += 1) {
      const answer = await this.call<{ bindings: TenantBinding[] }>(
        'GET',
        `/actions/triggers/post-login/bindings?page=${page}&per_page=${PAGE_SIZE}`,
      );
      bindings.push(...answer.bindings);
      if (answer.bindings.length < PAGE_SIZE) return bindings;
    }
  }

  /** Replaces the Login flow's bindings with this list (the API has no "add one"). */
  async setPostLoginBindings(bindings: BindingRef[]): Promise<void> {
    await this.call('PATCH', '/actions/triggers/post-login/bindings', { bindings });
  }

  /** Every multi-factor authentication factor of the tenant, on or off. */
  async guardianFactors(): Promise<GuardianFactor[]> {
    return this.call<GuardianFactor[]>('GET', '/guardian/factors');
  }

  /** The tenant-wide MFA policies: [] is "Never", else 'all-applications' or 'confidence-score'. */
  async mfaPolicies(): Promise<string[]> {
    return this.call<string[]>('GET', '/guardian/policies');
  }

  /** The permissions of the tenant's role with exactly this name, or undefined if there is none. */
  async rolePermissions(name: string): Promise<RolePermission[] | undefined> {
    const roles = await this.call<{ id: string; name: string }[]>(
      'GET',
      `/roles?name_filter=${encodeURIComponent(name)}&per_page=${PAGE_SIZE}`,
    );
    const role = roles.find((candidate) => candidate.name === name);
    if (!role) return undefined;
    const permissions: RolePermission[] = [];
    for (let page = 0; ; page += 1) {
      const answer = await this.call<RolePermission[]>(
        'GET',
        `/roles/${encodeURIComponent(role.id)}/permissions?page=${page}&per_page=${PAGE_SIZE}`,
      );
      permissions.push(...answer);
      if (answer.length < PAGE_SIZE) return permissions;
    }
  }
}
