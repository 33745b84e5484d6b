/** A small square in a response category's map colour, next to its name (decoration only). */
export function CategorySwatch({ colour }: { colour: string }) {
  return (
    <span className="bfm-swatch" data-colour={colour} aria-hidden="true">
      <svg width="14" height="14" focusable="false">
        <rect width="14" height="14" fill={colour} stroke="#000" strokeWidth="1" />
      </svg>
    </span>
  );
}
