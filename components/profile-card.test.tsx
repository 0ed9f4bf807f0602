/**
 * @jest-environment jsdom
 */
import { render, screen } from '@testing-library/react';
import { ProfileCard } from '@/components/profile-card';
import { DEPARTMENT_CLAIM, ROLES_CLAIM } from '@/lib/claims';

test('shows the roles and department from the namespaced claims', () => {
  render(
    <ProfileCard
      user={{
        sub: 'auth0|sales',
        name: 'Sam Seller',
        [ROLES_CLAIM]: ['employee'],
        [DEPARTMENT_CLAIM]: 'sales',
      }}
    />,
  );
  expect(screen.getByRole('heading', { name: 'Sam Seller' })).toBeInTheDocument();
  expect(screen.getByText('employee')).toBeInTheDocument();
  expect(screen.getByText('sales')).toBeInTheDocument();
});

test('ignores claims without the namespace: a plain "roles" claim is not trusted', () => {
  render(
    <ProfileCard user={{ sub: 'auth0|x', name: 'Nora', roles: ['admin'], department: 'ops' }} />,
  );
  expect(screen.getByText('No role')).toBeInTheDocument();
  expect(screen.getByText('None')).toBeInTheDocument();
  expect(screen.queryByText('admin')).not.toBeInTheDocument();
});
