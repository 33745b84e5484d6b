import { BreadcrumbNav, BreadcrumbNavLink } from '@utrecht/component-library-react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { Link, useMatches } from 'react-router';
import { isPageHandle } from '../lib/navigation';

/** The router's Link under the name and props the NL Design System breadcrumb link passes. */
const RouterLink = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<'a'> & { href: string }>(
  function RouterLink({ href, ...props }, ref) {
    return <Link ref={ref} to={href} {...props} />;
  },
);

/**
 * The breadcrumb navigation (NL Design System): the whole path to the current page, from
 * the `handle` of the deepest route that has one. The last crumb is the current page
 * (aria-current="page"). The separators are drawn in CSS, so screen readers read a list.
 */
export function Breadcrumbs() {
  const matches = useMatches();
  const match = matches.findLast((candidate) => isPageHandle(candidate.handle));
  if (!match || !isPageHandle(match.handle)) return null;
  const trail = match.handle.breadcrumbs({ loaderData: match.loaderData, params: match.params });
  if (trail.length < 2) return null;
  return (
    <BreadcrumbNav aria-label="Kruimelpad" className="bfm-breadcrumbs">
      {trail.map((crumb, index) => (
        <BreadcrumbNavLink
          key={crumb.to}
          href={crumb.to}
          index={index}
          current={index === trail.length - 1}
          Link={RouterLink}
          className="utrecht-link utrecht-link--html-a"
        >
          {crumb.label}
        </BreadcrumbNavLink>
      ))}
    </BreadcrumbNav>
  );
}
