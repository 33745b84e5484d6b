/**
 * The errors of a refused import file, one row per line: the answer import and the Wmo plan
 * import show them the same way.
 */
import {
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { TableScroll } from './table-scroll';

export function ImportErrorTable({
  errors,
}: {
  errors: readonly { readonly line: number; readonly message: string }[];
}) {
  return (
    <TableScroll caption="Fouten per regel">
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">Regel</TableHeaderCell>
          <TableHeaderCell scope="col">Wat er mis is</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {errors.map((error, index) => (
          <TableRow key={`${error.line}-${index}`}>
            <TableCell>{error.line}</TableCell>
            <TableCell>{error.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </TableScroll>
  );
}
