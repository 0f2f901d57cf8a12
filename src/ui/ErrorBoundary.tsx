import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  /** The area it guards, named in the message ("Canvas", "YAML", "Panels"). */
  readonly area: string;
  readonly children: ReactNode;
}

interface ErrorBoundaryState {
  readonly error: Error | null;
}

/**
 * Keeps a crash in one pane inside that pane: the others keep working, the design text is not
 * touched, and "Try again" re-mounts the pane.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Sailplan: the ${this.props.area} pane failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="pane-error">
        <p>
          <strong>The {this.props.area.toLowerCase()} pane stopped working.</strong> Your design is
          safe; the other panes still work.
        </p>
        <p className="pane-error-detail">{error.message}</p>
        <button
          type="button"
          className="button button-outline"
          onClick={() => this.setState({ error: null })}
        >
          Try again
        </button>
      </div>
    );
  }
}
