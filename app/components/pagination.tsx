import { Link } from 'react-router';

export interface PageLink {
  /** A page number, or 'gap' for numbers left out. */
  readonly page: number | 'gap';
  readonly href: string;
}

/**
 * Links to the pages of a list (NL Design System pagination): previous, the page numbers
 * with the current one marked, next. Plain links, so it works without JavaScript.
 */
export function Pagination({
  label,
  current,
  pages,
  previous,
  next,
}: {
  label: string;
  current: number;
  pages: readonly PageLink[];
  previous: string | null;
  next: string | null;
}) {
  if (pages.length <= 1) return null;
  return (
    <nav className="utrecht-pagination bfm-pagination" aria-label={label}>
      <span className="utrecht-pagination__before">
        {previous ? (
          <Link
            className="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev"
            rel="prev"
            to={previous}
          >
            Vorige<span className="bfm-visually-hidden"> pagina</span>
          </Link>
        ) : null}
      </span>
      <span className="utrecht-pagination__pages">
        {pages.map((link, index) =>
          link.page === 'gap' ? (
            <span key={`gap-${index}`} className="bfm-pagination-gap" aria-hidden="true">
              …
            </span>
          ) : link.page === current ? (
            <Link
              key={link.page}
              className="utrecht-pagination__page-link utrecht-pagination__page-link--current"
              aria-current="page"
              to={link.href}
            >
              <span className="bfm-visually-hidden">Pagina </span>
              {link.page}
            </Link>
          ) : (
            <Link key={link.page} className="utrecht-pagination__page-link" to={link.href}>
              <span className="bfm-visually-hidden">Pagina </span>
              {link.page}
            </Link>
          ),
        )}
      </span>
      <span className="utrecht-pagination__after">
        {next ? (
          <Link
            className="utrecht-pagination__relative-link utrecht-pagination__relative-link--next"
            rel="next"
            to={next}
          >
            Volgende<span className="bfm-visually-hidden"> pagina</span>
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
