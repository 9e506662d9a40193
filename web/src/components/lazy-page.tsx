import {
  Component,
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  Suspense,
  useState,
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

/** Code of its own chunk (lazyChunk): rendered by ChunkView, fetched ahead by preload(). */
export interface Chunk<P extends object> {
  preload(): void;
  /** The component, once its code is in. */
  readonly loaded: ComponentType<P> | undefined;
  /** The same, suspending until its code is in (inside a ChunkSuspense). */
  readonly Lazy: LazyExoticComponent<ComponentType<P>>;
}

/**
 * A component whose code is a chunk of its own (`load` is a dynamic import(), which Vite turns into
 * files under /assets), fetched the first time a ChunkView renders it, or before by `preload()`. React
 * keeps a failed load failed: only a new page load fetches the current build's files.
 */
export function lazyChunk<P extends object>(load: () => Promise<ComponentType<P>>): Chunk<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  const chunk: { -readonly [K in keyof Chunk<P>]: Chunk<P>[K] } = {
    loaded: undefined,
    preload: () => void once().catch(() => undefined),
    Lazy: lazy(() =>
      once().then(
        (component) => ({ default: component }),
        (err: unknown) => {
          throw new ChunkLoadError(err);
        },
      ),
    ),
  };
  // A failure shows where the code renders (ChunkSuspense), not in preload().
  const once = () => {
    loading ??= load().then((component) => {
      chunk.loaded = component;
      return component;
    });
    return loading;
  };
  return chunk;
}

/**
 * Renders a chunk's component with `props`: directly once its code is in, without suspending. React
 * holds back content that replaces a Suspense fallback for up to 300 ms (React 19's throttling), which
 * on a first visit delayed the overview's reports by about that much although its code had long
 * arrived (preloaded by main.tsx). Otherwise the lazy component, inside the caller's ChunkSuspense.
 */
export function ChunkView<P extends object>({ chunk, props }: { chunk: Chunk<P>; props: P }) {
  // Chosen once per mount, so a later render never swaps the element type (which would remount it).
  const [Loaded] = useState(() => chunk.loaded);
  return Loaded ? <Loaded {...props} /> : <chunk.Lazy {...props} />;
}

let pages = 0;

/**
 * A page of its own chunk (lazyChunk), as a PageEntry's render() and preload(): its page area loads and
 * fails on its own. preload() starts fetching the chunk without rendering (main.tsx: the page of the
 * address the app opens at, while the session is checked); render() then uses the same fetch.
 */
export function lazyPage(load: () => Promise<ComponentType>): {
  render: () => ReactNode;
  preload: () => void;
} {
  const page = lazyChunk(load);
  // A boundary of its own per page: going to another page does not carry this one's failure along.
  const key = `lazy-page-${++pages}`;
  return {
    render: () => (
      <ChunkSuspense key={key}>
        <ChunkView chunk={page} props={{}} />
      </ChunkSuspense>
    ),
    preload: page.preload,
  };
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
