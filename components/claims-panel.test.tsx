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

// What keeps a wrapped line from leaving a row with only spaces or
// punctuation: its unbreakable start and end each hold a letter or digit of
// the line, for any namespace a user may choose.
test.each(['https://acme.test', 'https://a.io', 'https://my-app.example.com'])(
  'with the namespace %s, every line starts and ends with letters kept together',
  (namespace) => {
    const { container } = render(
      <ClaimsPanel
        title="Access token"
        description="Decoded"
        claims={{
          [`${namespace}/roles`]: ['admin'],
          [`${namespace}/department`]: 'sales',
          ...claims,
        }}
      />,
    );
    const lines = [...container.querySelectorAll('pre > span')];
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const text = line.textContent!.replace(/\n$/, '');
      const [start, end] = [...line.querySelectorAll(':scope > span')].map(
        (span) => span.textContent!,
      );
      // Nothing between them to wrap (`],`, `"aud": [`): the line cannot break.
      if (start!.length + end!.length >= text.length) continue;
      expect(`${start}|${text}`).toMatch(/[A-Za-z0-9].*\|/);
      expect(`${end}|${text}`).toMatch(/[A-Za-z0-9].*\|/);
      expect(text.endsWith(end!) && text.startsWith(start!)).toBe(true);
    }
  },
);
