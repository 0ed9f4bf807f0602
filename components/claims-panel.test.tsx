/**
 * @jest-environment jsdom
 */
import { render, screen } from '@testing-library/react';
import { ClaimsPanel } from '@/components/claims-panel';

const claims = {
  'https://my-app.example.com/roles': ['admin'],
  sub: 'auth0|admin',
  aud: ['https://products-api.example.com', 'http://localhost:4500/userinfo'],
  nested: { a: [] },
  x: 1,
};

// The JSON is laid out line by line for phones (e2e/accessibility.spec.ts
// checks how it wraps); what a reader selects and copies must still be the JSON.
test('the panel holds exactly the claims as indented JSON', () => {
  render(<ClaimsPanel title="Access token" description="Decoded" claims={claims} />);
  const panel = screen.getByRole('region', { name: 'Access token' });
  const json = panel.querySelector('pre')?.textContent;
  expect(json).toBe(JSON.stringify(claims, null, 2));
});
