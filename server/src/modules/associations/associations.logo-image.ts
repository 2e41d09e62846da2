import {
  type AssociationLogoServedType,
  associationLogoLimits,
  associationLogoUploadTypes,
} from '@spejl/shared';
import { encodeImage, ImageRefusal, openImage, sniffType } from '../../files/images.ts';
import { AppError } from '../../http/errors.ts';

/** A logo as the server made it: the only bytes it ever serves. */
export interface PreparedLogo {
  image: Buffer;
  contentType: AssociationLogoServedType;
  width: number;
  height: number;
  /** What the upload was, told from its bytes (for the audit log). */
  sourceType: string;
}

/** The formats libvips may decode here, in its own names; the sniffed type must agree with it. */
const decodable = new Set(['png', 'jpeg', 'webp']);
/** Far above any logo, far below a decompression bomb (a 512 KB PNG can claim 30,000 × 30,000 pixels). */
const maxInputPixels = 40_000_000;

/**
 * Checks and re-encodes an uploaded logo (with files/images.ts, as chat attachments are). The type comes from the bytes (file-type), never from the name or the
 * Content-Type header: PNG, JPEG and WebP pass; SVG, GIF, HTML, PDF and the rest are refused with
 * `association.logo_type`. The image is then decoded and written anew by sharp: turned upright from its EXIF
 * orientation, fitted inside 256 × 256 without enlarging, and saved as WebP with no metadata at all (sharp keeps none
 * unless told to), so EXIF, GPS positions, comments and anything appended to the file are gone.
 */
export async function prepareLogo(bytes: Buffer): Promise<PreparedLogo> {
  const sourceType = await sniffType(bytes, associationLogoUploadTypes);
  if (!sourceType) throw new AppError('association.logo_type');
  try {
    const { image } = await openImage(bytes, { decodable, maxInputPixels });
    const { data, info } = await encodeImage(
      image
        .autoOrient()
        .resize(associationLogoLimits.size, associationLogoLimits.size, {
          fit: 'inside',
          withoutEnlargement: true,
        })
        .webp({ quality: 90, alphaQuality: 100 }),
    );
    return { image: data, contentType: 'image/webp', width: info.width, height: info.height, sourceType };
  } catch (error) {
    // Sniffed as an image we read, yet libvips could not decode it: truncated, corrupt, or too many pixels.
    if (error instanceof ImageRefusal && error.reason === 'type') throw new AppError('association.logo_type');
    throw new AppError('association.logo_unreadable');
  }
}
