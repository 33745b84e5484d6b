import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { Route } from './+types/outbox';
import { handleErrors } from '../lib/http.server';
import { listOutbox, readAttachments } from '../lib/services.server';
import { requireSession } from '../lib/session.server';
import { formatDateTime } from '../lib/format';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';

const TRAIL: Trail = [HOME, { label: 'Postvak', to: '/postvak' }];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  return handleErrors(async () => {
    return {
      kind: context.mailer.kind,
      messages: (await listOutbox(context.db, session.user)).map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        body: m.body,
        at: m.createdAt.toISOString(),
        // Issue 12: an invitation's iCalendar file, downloadable from here.
        attachments: readAttachments(m.attachments).map((a, index) => ({
          filename: a.filename,
          href: `/postvak/${m.id}/bijlagen/${index}`,
        })),
      })),
    };
  });
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  return (
    <div className="bfm-stack">
      <Heading1>Verstuurde e-mail</Heading1>
      <Paragraph>
        {loaderData.kind === 'outbox'
          ? 'Er is geen mailserver ingesteld (SMTP_URL); e-mail wordt hier bewaard in plaats van verstuurd.'
          : 'E-mail gaat via de mailserver; hieronder staat wat eerder zonder mailserver is bewaard.'}
      </Paragraph>
      {loaderData.messages.length === 0 ? <Paragraph>Nog geen e-mail.</Paragraph> : null}
      {loaderData.messages.map((m) => (
        <article key={m.id} aria-labelledby={`mail-${m.id}`} className="bfm-item">
          <Heading2 id={`mail-${m.id}`}>{m.subject}</Heading2>
          <Paragraph className="bfm-token">
            Aan {m.to}, {formatDateTime(m.at)}
          </Paragraph>
          <pre className="bfm-mail">{m.body}</pre>
          {m.attachments.length > 0 ? (
            <Paragraph>
              Bijlage:{' '}
              {m.attachments.map((a, index) => (
                <span key={a.href}>
                  {index > 0 ? ', ' : ''}
                  <a className="utrecht-link" href={a.href} download={a.filename}>
                    {a.filename}
                  </a>
                </span>
              ))}
            </Paragraph>
          ) : null}
        </article>
      ))}
    </div>
  );
}
