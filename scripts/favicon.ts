/**
 * The favicon in the theme colour: the product's mark (a rounded square with three rising
 * bars, as in the page header) as SVG, and as favicon.ico (16 and 32 pixels, 32-bit
 * bitmaps drawn here, so no image tool is needed). `npm run theme` writes both to public/.
 */

/** The mark on a 32 × 32 grid: the square and the three bars (white). */
const SQUARE = { x: 0, y: 0, width: 32, height: 32, radius: 6 };
const BARS = [
  { x: 7, y: 17, width: 4, height: 8, radius: 1 },
  { x: 14, y: 12, width: 4, height: 13, radius: 1 },
  { x: 21, y: 7, width: 4, height: 18, radius: 1 },
];

type Shape = (typeof BARS)[number];

function rect(shape: Shape, fill: string): string {
  return `<rect x="${shape.x}" y="${shape.y}" width="${shape.width}" height="${shape.height}" rx="${shape.radius}" fill="${fill}"/>`;
}

export function faviconSvg(colour: string): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">',
    `  ${rect(SQUARE, colour)}`,
    ...BARS.map((bar) => `  ${rect(bar, '#fff')}`),
    '</svg>',
    '',
  ].join('\n');
}

/** Whether a point of the 32-grid lies in a rounded rectangle. */
function inside(shape: Shape, x: number, y: number): boolean {
  if (x < shape.x || y < shape.y || x > shape.x + shape.width || y > shape.y + shape.height)
    return false;
  const r = shape.radius;
  const cx = Math.min(Math.max(x, shape.x + r), shape.x + shape.width - r);
  const cy = Math.min(Math.max(y, shape.y + r), shape.y + shape.height - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r ** 2;
}

/** One image: BGRA rows from the bottom up, each pixel sampled 4 × 4 times. */
function bitmap(size: number, colour: string): Buffer {
  const [red, green, blue] = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
  const pixels = Buffer.alloc(size * size * 4);
  const scale = 32 / size;
  const samples = 4;
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      let square = 0;
      let bar = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (column + (sx + 0.5) / samples) * scale;
          const y = (row + (sy + 0.5) / samples) * scale;
          if (BARS.some((shape) => inside(shape, x, y))) bar += 1;
          else if (inside(SQUARE, x, y)) square += 1;
        }
      }
      const total = samples * samples;
      const alpha = (square + bar) / total;
      // Premultiplied mix of the colour and white, then divided by the coverage.
      const mix = (channel: number) =>
        alpha === 0 ? 0 : Math.round((channel * square + 255 * bar) / (square + bar));
      const offset = ((size - 1 - row) * size + column) * 4;
      pixels[offset] = mix(blue ?? 0);
      pixels[offset + 1] = mix(green ?? 0);
      pixels[offset + 2] = mix(red ?? 0);
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0); // header size
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // the image and its (empty) AND mask
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  header.writeUInt32LE(pixels.length + mask.length, 20);
  return Buffer.concat([header, pixels, mask]);
}

export function faviconIco(colour: string): Buffer {
  const images = [16, 32].map((size) => ({ size, data: bitmap(size, colour) }));
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2); // an icon
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach((image, index) => {
    const entry = 6 + 16 * index;
    directory.writeUInt8(image.size, entry);
    directory.writeUInt8(image.size, entry + 1);
    directory.writeUInt16LE(1, entry + 4); // planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(image.data.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += image.data.length;
  });
  return Buffer.concat([directory, ...images.map((image) => image.data)]);
}
