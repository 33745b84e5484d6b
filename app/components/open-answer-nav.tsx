import { Link } from 'react-router';
import {
  SOURCE_PAGES,
  sourcePath,
  type SourcePage,
  type SourceRef,
} from '../lib/open-answer-paths';

/**
 * The navigation between the pages of one source (an open question or an item's notes):
 * reading, coding, the codebook with its counts, and the coders' agreement. Pages the user may
 * not open are left out, so nobody is led to a refusal.
 */
export function OpenAnswerNav({
  roundId,
  source,
  current,
  mayCode,
  query = '',
}: {
  readonly roundId: string;
  readonly source: SourceRef;
  readonly current: SourcePage;
  /** Coordinator and analysts: coding and agreement. Everyone reads and sees the codebook. */
  readonly mayCode: boolean;
  /** The filter as a query string ('?provincie=PV25'), kept between the pages. */
  readonly query?: string;
}) {
  const pages = (Object.keys(SOURCE_PAGES) as SourcePage[]).filter(
    (page) => mayCode || (page !== 'coding' && page !== 'agreement'),
  );
  return (
    <nav aria-label="Onderdelen van deze vraag" className="bfm-analysis-nav">
      <ul>
        {pages.map((page) => (
          <li key={page}>
            <Link
              className="utrecht-link"
              to={`${sourcePath(roundId, source, page)}${query}`}
              aria-current={page === current ? 'page' : undefined}
            >
              {SOURCE_PAGES[page].label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
