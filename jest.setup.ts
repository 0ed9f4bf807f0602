import '@testing-library/jest-dom';

// An unexpected console.error (a React warning, a failed request) fails the
// test that caused it, instead of scrolling past in the output.
const originalError = console.error;
beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    originalError(...args);
    throw new Error(`Unexpected console.error: ${args.map(String).join(' ')}`);
  });
});
afterEach(() => {
  jest.restoreAllMocks();
});
