import { Component, type ErrorInfo, type ReactNode } from 'react';

type ErrorBoundaryProps = {
  /** What to show instead of the children once they crashed; `retry` renders them again. */
  fallback: (retry: () => void) => ReactNode;
  children: ReactNode;
};

/**
 * Keeps a crash inside one part of a page. Without it, an error while
 * rendering (for example data of a shape nobody expected) unmounts the whole
 * app and leaves "Application error: a client-side exception has occurred".
 * React has no hook for this yet: it must be a class component.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    // For whoever debugs it in the browser's console; the user sees the fallback.
    console.error('A part of the page crashed:', error, info.componentStack);
  }

  retry = () => this.setState({ failed: false });

  render() {
    return this.state.failed ? this.props.fallback(this.retry) : this.props.children;
  }
}
