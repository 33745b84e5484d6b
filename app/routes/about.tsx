import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';

const TRAIL: Trail = [HOME, { label: 'Over deze monitor', to: '/over' }];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

export default function About() {
  return (
    <div className="bfm-stack">
      <Heading1>Over deze monitor en de bronnen</Heading1>
      <Paragraph>
        De vragenlijsten en de rekenregel komen uit de nulmeting 2009 (‘Goed voor elkaar met de
        basisfuncties’, MOVISIE en DSP-groep). Een basisfunctie krijgt het cijfer 10 × (som − n) /
        (2n); vanaf 6 is zij ‘goed voor elkaar’.
      </Paragraph>
      <Paragraph>
        Het register van gemeenten en de inwonertallen komen van het CBS (Bron: CBS). Elke meting
        volgt haar eigen register. In het register van 2009 (441 gemeenten) gebruiken de
        grootteklassen het inwonertal op 1 januari 2010, in dat van 2025 (342 gemeenten) het
        inwonertal op 1 januari 2024; gemeenten zonder inwonertal hebben een onbekende
        grootteklasse. G4 en G27 zijn in beide registers dezelfde steden.
      </Paragraph>
      <Paragraph>
        De kaarten tonen de gemeentegrenzen van het register van de meting (Kadaster / CBS).
      </Paragraph>
    </div>
  );
}
