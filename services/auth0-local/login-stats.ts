/**
 * What Auth0 keeps about each user's logins, for the post-login event:
 * `stats.logins_count`, `user.last_login`, and `user.created_at` for a demo
 * user whose entry in local-users.yaml has none (the first time the local
 * Auth0 saw them log in). Kept on disk in the data directory, like the
 * consents, so the count and the dates survive a restart of `npm run dev`.
 */
import fs from 'node:fs';
import path from 'node:path';

type UserStats = { logins_count: number; last_login?: string; first_seen: string };

export function createLoginStats(dataDir: string) {
  const file = path.join(dataDir, 'logins.json');
  const read = (): Record<string, UserStats> =>
    fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, UserStats>)
      : {};
  const write = (stats: Record<string, UserStats>) => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stats), { mode: 0o600 });
  };

  return {
    /** Counts a login (Auth0 counts it before the Actions run: 1 at the first login). */
    recordLogin(userId: string, at: string): UserStats {
      const stats = read();
      const previous = stats[userId];
      const updated = {
        logins_count: (previous?.logins_count ?? 0) + 1,
        last_login: at,
        first_seen: previous?.first_seen ?? at,
      };
      stats[userId] = updated;
      write(stats);
      return updated;
    },
    /** The user's stats as they are, for a refresh (which is not a login). */
    of(userId: string, now: string): UserStats {
      const stats = read();
      const known = stats[userId];
      if (known) return known;
      stats[userId] = { logins_count: 0, first_seen: now };
      write(stats);
      return stats[userId];
    },
  };
}

export type LoginStats = ReturnType<typeof createLoginStats>;
