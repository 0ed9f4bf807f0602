/**
 * One real login per role, through the login page; the other specs reuse these
 * sessions (Playwright storageState) wherever the login itself is not under test.
 */
import { expect, test as setup } from './fixtures';
import { users } from '../test-helpers/demo-users';
import { sessionFile } from './session-file';

for (const [role, user] of Object.entries(users).filter(([role]) => role !== 'blocked')) {
  setup(`log in as the ${role}`, async ({ page, login }) => {
    await login(user);
    await expect(page.getByRole('button', { name: new RegExp(user.name) })).toBeVisible();
    await page.context().storageState({ path: sessionFile(user) });
  });
}
