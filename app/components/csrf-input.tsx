import { useRouteLoaderData } from 'react-router';

/** The hidden CSRF field every form that changes something carries. */
export function CsrfInput() {
  const root = useRouteLoaderData('root') as { csrf: string | null } | undefined;
  return <input type="hidden" name="csrf" value={root?.csrf ?? ''} />;
}
