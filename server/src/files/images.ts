import { fileTypeFromBuffer } from 'file-type';
import decodeHeic from 'heic-decode';
import sharp, { type Sharp } from 'sharp';

/** Why an image was refused: its bytes are not an accepted type, or libvips could not decode them. */
export class ImageRefusal extends Error {
  readonly reason: 'type' | 'unreadable';
  constructor(reason: 'type' | 'unreadable') {
    super(`image refused: ${reason}`);
    this.reason = reason;
  }
}

/** The type told from the bytes (file-type), when it is one of `accepted`; never from a name or a header. */
export async function sniffType(bytes: Buffer, accepted: readonly string[]): Promise<string | null> {
  const sniffed = await fileTypeFromBuffer(bytes);
  return sniffed && accepted.includes(sniffed.mime) ? sniffed.mime : null;
}

/**
 * Opens an uploaded image for re-encoding. libvips must agree with the sniffed type (`decodable`, in libvips's own
 * format names); `maxInputPixels` stops decompression bombs. Whatever is then written from it carries no metadata
 * (sharp keeps none unless told to), so EXIF, GPS positions, XMP and comments are gone; turn it upright first with
 * `autoOrient()`, as the orientation tag goes too.
 */
export async function openImage(
  bytes: Buffer,
  options: { decodable: ReadonlySet<string>; maxInputPixels: number },
): Promise<{ image: Sharp; format: string }> {
  try {
    const image = sharp(bytes, { limitInputPixels: options.maxInputPixels, failOn: 'error' });
    const { format } = await image.metadata();
    if (!options.decodable.has(format ?? '')) throw new ImageRefusal('type');
    return { image, format: format ?? '' };
  } catch (error) {
    if (error instanceof ImageRefusal) throw error;
    throw new ImageRefusal('unreadable');
  }
}

/** Runs a sharp pipeline to a buffer; a decoding failure on the way (truncated, corrupt, unsupported) is `unreadable`. */
export async function encodeImage(
  pipeline: Sharp,
): Promise<{ data: Buffer; info: { width: number; height: number; size: number } }> {
  try {
    return await pipeline.toBuffer({ resolveWithObject: true });
  } catch {
    throw new ImageRefusal('unreadable');
  }
}

/**
 * Opens an iPhone's HEIC (or HEIF) photo. The libvips that sharp ships has no HEVC decoder (a patent matter), so the
 * photo is decoded by libheif compiled to WebAssembly (`heic-decode`, maintained; a decoder of our own would be far
 * worse) into plain RGBA pixels, which sharp then encodes like any other photo. Pixels carry no metadata, so the
 * EXIF and GPS boxes stay behind; libheif applies the container's rotation and mirroring, so the result is upright
 * and needs no `autoOrient()`. The first (primary) image is the photo; a Live Photo's other frames are left out.
 */
export async function openHeic(bytes: Buffer, options: { maxInputPixels: number }): Promise<Sharp> {
  let images: Awaited<ReturnType<typeof decodeHeic.all>>;
  try {
    images = await decodeHeic.all({ buffer: bytes });
  } catch {
    throw new ImageRefusal('unreadable');
  }
  const primary = images[0];
  if (!primary || primary.width * primary.height > options.maxInputPixels)
    throw new ImageRefusal('unreadable');
  try {
    const { width, height, data } = await primary.decode();
    return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      raw: { width, height, channels: 4 },
    });
  } catch {
    throw new ImageRefusal('unreadable');
  } finally {
    images.dispose?.();
  }
}
