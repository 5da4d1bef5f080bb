/** The one call of subset-font (plain JavaScript, no types) that the chart fonts use. */
declare module 'subset-font' {
  export interface SubsetOptions {
    targetFormat?: 'truetype' | 'sfnt' | 'woff' | 'woff2';
    noHinting?: boolean;
  }
  export default function subsetFont(font: Buffer, text: string, options?: SubsetOptions): Promise<Buffer>;
}
