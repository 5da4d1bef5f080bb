/** Reads a PNG's signature and IHDR chunk: what a viewer checks before it draws anything. */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngSize(data: Buffer): { width: number; height: number } {
  if (data.length < 33 || !data.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  if (data.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG: the first chunk is not IHDR');
  // The last chunk must be IEND: a truncated upload would not end with it.
  if (data.subarray(data.length - 8, data.length - 4).toString('latin1') !== 'IEND') throw new Error('not a PNG: no IEND chunk at the end');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
