import {
  type AttachmentKind,
  type AttachmentServedType,
  attachmentLimits,
  attachmentUploadTypes,
} from '@spejl/shared';
import { encodeImage, ImageRefusal, openHeic, openImage, sniffType } from '../../files/images.ts';
import { AppError } from '../../http/errors.ts';

/** An upload as the server made it: the only bytes it ever serves. */
export interface PreparedFile {
  kind: AttachmentKind;
  mime: AttachmentServedType;
  bytes: Buffer;
  width: number | null;
  height: number | null;
  /** A WebP at most `attachmentLimits.thumbnailWidth` wide, for images. */
  thumbnail: Buffer | null;
  name: string;
}

/** libvips's names for what it may decode here, per sniffed type (HEIC goes through `openHeic`). */
const decodableFor: Record<string, ReadonlySet<string>> = {
  'image/jpeg': new Set(['jpeg']),
  'image/png': new Set(['png']),
  'image/webp': new Set(['webp']),
};
const heicTypes: ReadonlySet<string> = new Set(['image/heic', 'image/heif']);
/** A 108-megapixel phone photo passes; a small file claiming far more pixels (a decompression bomb) does not. */
const maxInputPixels = 120_000_000;
const extensionOf: Record<AttachmentServedType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/**
 * The uploaded name made safe for a Content-Disposition header and a screen: no folders, no control or quoting
 * characters, at most `attachmentLimits.nameMax` characters, and the extension of what is served (a photo sent as
 * `IMG_0001.HEIC` is served as `IMG_0001.jpg`).
 */
export function cleanFileName(original: string | undefined, mime: AttachmentServedType): string {
  const base = (original ?? '').split(/[/\\]/).at(-1) ?? '';
  const stem = base
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    // Controls, quotes, and characters that mean something in headers, paths or shells.
    .replace(/[\p{Cc}\p{Cf}"'`<>:;*?|%\\]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, attachmentLimits.nameMax - 1 - extensionOf[mime].length)
    .trim();
  return `${stem || 'fil'}.${extensionOf[mime]}`;
}

/**
 * Checks and re-encodes an upload. The type comes from the bytes (file-type), never from the name or the
 * Content-Type header: JPEG, PNG, WebP and HEIC photos and PDFs pass; HTML, SVG, GIF and anything unknown are
 * refused with `upload.type_not_allowed`. A photo is decoded and written anew by sharp (files/images.ts): turned
 * upright from its EXIF orientation, then saved with no metadata at all (EXIF, GPS, XMP, ICC: sharp converts to sRGB
 * and keeps nothing), as JPEG for JPEG and HEIC, else in its own format; plus a WebP thumbnail. A PDF is kept as sent
 * and only ever served as a download.
 */
export async function prepareFile(bytes: Buffer, originalName: string | undefined): Promise<PreparedFile> {
  const sniffed = await sniffType(bytes, attachmentUploadTypes);
  if (!sniffed) throw new AppError('upload.type_not_allowed');
  if (sniffed === 'application/pdf')
    return {
      kind: 'pdf',
      mime: 'application/pdf',
      bytes,
      width: null,
      height: null,
      thumbnail: null,
      name: cleanFileName(originalName, 'application/pdf'),
    };
  const mime: AttachmentServedType =
    sniffed === 'image/png' ? 'image/png' : sniffed === 'image/webp' ? 'image/webp' : 'image/jpeg';
  try {
    const upright = heicTypes.has(sniffed)
      ? await (async () => {
          // Decoded once to pixels that are already upright; each pipeline below starts from a clone.
          const pixels = await openHeic(bytes, { maxInputPixels });
          return () => pixels.clone();
        })()
      : await (async () => {
          const { image } = await openImage(bytes, { decodable: decodableFor[sniffed]!, maxInputPixels });
          return () => image.clone().autoOrient();
        })();
    const encoded =
      mime === 'image/png'
        ? upright().png({ compressionLevel: 9 })
        : mime === 'image/webp'
          ? upright().webp({ quality: 85 })
          : upright().flatten({ background: '#ffffff' }).jpeg({ quality: 85, mozjpeg: true });
    const full = await encodeImage(encoded);
    const thumbnail = await encodeImage(
      upright()
        .resize({ width: attachmentLimits.thumbnailWidth, withoutEnlargement: true })
        .webp({ quality: 75 }),
    );
    return {
      kind: 'image',
      mime,
      bytes: full.data,
      width: full.info.width,
      height: full.info.height,
      thumbnail: thumbnail.data,
      name: cleanFileName(originalName, mime),
    };
  } catch (error) {
    if (error instanceof ImageRefusal && error.reason === 'type')
      throw new AppError('upload.type_not_allowed');
    throw new AppError('upload.unreadable');
  }
}
