import {
  Component,
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  Suspense,
} from "react";
import { useI18n } from "../i18n/i18n-context.tsx";
import { Loading } from "./status.tsx";

/** Code that did not arrive: the network failed, or a redeploy removed the old build's files. */
export class ChunkLoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "ChunkLoadError";
  }
}

/**
 * A component whose code is a chunk of its own (`load` is a dynamic import(), which Vite turns into
 * files under /assets), fetched the first time it renders. Render it inside a ChunkSuspense. React
 * keeps a failed load failed: only a new page load fetches the current build's files.
 */
export function lazyChunk<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(() =>
    load().then(
      (component) => ({ default: component }),
      (err: unknown) => {
        throw new ChunkLoadError(err);
      },
    ),
  );
}

let pages = 0;

/** A page of its own chunk (lazyChunk), as a PageEntry's render(): its page area loads and fails on its own. */
export function lazyPage(load: () => Promise<ComponentType>): () => ReactNode {
  const Page = lazyChunk(load);
  // A boundary of its own per page: going to another page does not carry this one's failure along.
  const key = `lazy-page-${++pages}`;
  return () => (
    <ChunkSuspense key={key}>
      <Page />
    </ChunkSuspense>
  );
}

/**
 * Where lazily loaded code renders: the usual loading indicator until it is in, and, when it cannot
 * be fetched, an error that says so and offers a reload.
 */
export function ChunkSuspense({ children }: { children: ReactNode }) {
  return (
    <ChunkBoundary>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </ChunkBoundary>
  );
}

/** Catches code that failed to load; any other error goes on up, as it did without it. */
class ChunkBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Thrown from its own render, an error reaches the boundary above (none: React's own handling).
    if (!(error instanceof ChunkLoadError)) throw error;
    return <ChunkLoadFailed />;
  }
}

/** Shown like the other errors (status.tsx's ErrorState), with a reload instead of a retry. */
function ChunkLoadFailed() {
  const { t } = useI18n();
  return (
    <div className="status status-error" role="alert" data-testid="chunk-load-failed">
      <p>{t("state.chunkFailed")}</p>
      <button type="button" className="button button-secondary" onClick={() => location.reload()}>
        {t("state.reload")}
      </button>
    </div>
  );
}
