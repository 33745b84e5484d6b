import { redirect } from 'react-router';
import type { Route } from './+types/logout';
import { clearSessionCookie, getSession, sessionToken, verifyCsrf } from '../lib/session.server';
import { readIntent } from '../lib/intents.server';
import { logOut } from '../lib/services.server';

export async function loader() {
  throw redirect('/');
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await getSession(request, context);
  if (session) {
    const form = await request.formData();
    verifyCsrf(form, session);
    readIntent(form, 'routes/logout.tsx');
    await logOut(context.db, sessionToken(request));
  }
  throw redirect('/', { headers: { 'Set-Cookie': clearSessionCookie(context.secureCookies) } });
}
