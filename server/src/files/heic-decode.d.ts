/** The parts of `heic-decode` (libheif in WebAssembly) that files/images.ts uses; the package ships no types. */
declare module 'heic-decode' {
  interface DecodedImage {
    width: number;
    height: number;
    /** RGBA, four bytes per pixel. */
    data: Uint8ClampedArray;
  }
  interface HeicImage {
    width: number;
    height: number;
    decode(): Promise<DecodedImage>;
  }
  interface Decoder {
    (options: { buffer: ArrayBufferLike | Uint8Array }): Promise<DecodedImage>;
    all(options: { buffer: ArrayBufferLike | Uint8Array }): Promise<HeicImage[] & { dispose?: () => void }>;
  }
  const decode: Decoder;
  export default decode;
}
