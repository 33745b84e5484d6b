import { data } from 'react-router';

/**
 * Any address no other route has. Without this route React Router answers such an address
 * without running the root loader, so the 404 page would lose the menu of whoever is logged
 * in; now the root's error page shows it, with status 404.
 */
export function loader(): never {
  throw data(null, { status: 404 });
}

export function action(): never {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
