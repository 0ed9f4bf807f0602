/**
 * @jest-environment jsdom
 */
import { render, screen } from '@testing-library/react';
import { StepUpStatus } from '@/components/step-up-status';

const at1315 = Date.UTC(2026, 11, 4, 13, 15) / 1000;

test('a token with create:products: confirmed, and until when', () => {
  render(<StepUpStatus scope="openid read:products create:products" expiresAt={at1315} />);
  expect(screen.getByRole('region', { name: 'Second factor' })).toHaveTextContent(
    /Confirmed: your access token holds create:products until 13:15 UTC/,
  );
});

test('a token without it: not confirmed, and where to do it', () => {
  render(<StepUpStatus scope="openid read:products" expiresAt={at1315} />);
  expect(screen.getByRole('region', { name: 'Second factor' })).toHaveTextContent(
    'Not confirmed in this session.',
  );
  expect(screen.getByRole('link', { name: 'Products' })).toHaveAttribute('href', '/products');
});

test('a scope that only contains the name is not the scope', () => {
  render(<StepUpStatus scope="openid create:products.read" expiresAt={at1315} />);
  expect(screen.getByText(/Not confirmed/)).toBeInTheDocument();
});
