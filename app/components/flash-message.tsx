import { Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';

/** What a form just did (a flash message after a redirect), announced as a status. */
export function FlashMessage({
  flash,
}: {
  flash: { readonly text: string; readonly details?: readonly string[] } | null;
}) {
  if (!flash) return null;
  return (
    <div className="utrecht-alert utrecht-alert--ok" role="status">
      <Paragraph>{flash.text}</Paragraph>
      {flash.details && flash.details.length > 0 ? (
        <UnorderedList>
          {flash.details.map((detail) => (
            <UnorderedListItem key={detail}>{detail}</UnorderedListItem>
          ))}
        </UnorderedList>
      ) : null}
    </div>
  );
}
