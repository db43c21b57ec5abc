//! Photos in, small clean files out: reading an image's size, decoding it
//! within limits, turning it upright, resizing and encoding (WebP, JPEG,
//! PNG, GIF). Pure functions on bytes; knows nothing of the site.
//!
//! Nothing of the source survives but its pixels: every encoder here
//! writes a fresh file, so EXIF (GPS position, camera serial), XMP, IPTC,
//! ICC profiles and embedded thumbnails never reach the output. The EXIF
//! orientation is applied to the pixels first, so nothing shows rotated.

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Larger images than this many pixels are refused before decoding: a
/// 12 MP phone photo decodes to 48 MB; 64 MP (8000 × 8000) to 256 MB.
pub const MAX_PIXELS: u64 = 64_000_000;

/// Longest side accepted (a panorama may be long, not endless).
pub const MAX_SIDE: u32 = 16_000;

/// The decoder may hold at most this much memory at once.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// The file formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Gif,
    Webp,
}

impl Format {
    /// The file extension written for it.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Gif => "gif",
            Format::Webp => "webp",
        }
    }

    /// The format a file name promises: `.jpg`, `.jpeg`, `.png`, `.gif`,
    /// `.webp` (any case).
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" | "jpe" | "jfif" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "gif" => Some(Format::Gif),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }

    fn of(format: ImageFormat) -> Option<Format> {
        match format {
            ImageFormat::Jpeg => Some(Format::Jpeg),
            ImageFormat::Png => Some(Format::Png),
            ImageFormat::Gif => Some(Format::Gif),
            ImageFormat::WebP => Some(Format::Webp),
            _ => None,
        }
    }
}

/// What reading an image's header tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Info {
    /// The format of the bytes (not of the file name).
    pub format: Format,
    /// Width and height as shown: after the EXIF orientation.
    pub width: u32,
    pub height: u32,
}

/// Why an image cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not a JPEG, PNG, GIF or WebP file (or not an image at all).
    Unsupported,
    /// More pixels than [`MAX_PIXELS`] or a side over [`MAX_SIDE`].
    TooLarge { width: u32, height: u32 },
    /// The file is damaged or cut off; the decoder's words.
    Broken(String),
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn decoder(bytes: &[u8]) -> Result<(Format, impl ImageDecoder + '_), Problem> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Problem::Broken(e.to_string()))?;
    let format = reader
        .format()
        .and_then(Format::of)
        .ok_or(Problem::Unsupported)?;
    let mut reader = reader;
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(problem)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    decoder.set_limits(limits()).map_err(problem)?;
    Ok((format, decoder))
}

fn check_size(width: u32, height: u32) -> Result<(), Problem> {
    if width == 0
        || height == 0
        || width > MAX_SIDE
        || height > MAX_SIDE
        || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Err(Problem::TooLarge { width, height });
    }
    Ok(())
}

fn problem(error: image::ImageError) -> Problem {
    match error {
        image::ImageError::Unsupported(_) => Problem::Unsupported,
        image::ImageError::Limits(_) => Problem::TooLarge {
            width: 0,
            height: 0,
        },
        other => Problem::Broken(other.to_string()),
    }
}

/// Reads the header only: format and the size as shown. Refuses
/// decompression bombs (a small file claiming a huge size) here.
pub fn probe(bytes: &[u8]) -> Result<Info, Problem> {
    let (format, mut decoder) = decoder(bytes)?;
    let (width, height) = decoder.dimensions();
    let turned = decoder
        .orientation()
        .map(|o| {
            use image::metadata::Orientation::*;
            matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
        })
        .unwrap_or(false);
    let (width, height) = if turned {
        (height, width)
    } else {
        (width, height)
    };
    Ok(Info {
        format,
        width,
        height,
    })
}

/// A decoded image, upright, as 8-bit RGB or RGBA pixels.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    /// Whether any pixel is not fully opaque (then RGBA, else RGB).
    pub alpha: bool,
    pub data: Vec<u8>,
}

/// Decodes within the limits and applies the EXIF orientation. A GIF
/// gives its first frame; a CMYK JPEG comes out as RGB.
pub fn decode(bytes: &[u8]) -> Result<Pixels, Problem> {
    let (format, mut decoder) = decoder(bytes)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    if format == Format::Jpeg && is_truncated_jpeg(bytes) {
        return Err(Problem::Broken("het bestand houdt halverwege op".into()));
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(problem)?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    let has_alpha = image.color().has_alpha();
    if has_alpha {
        let rgba = image.into_rgba8().into_raw();
        if rgba.chunks_exact(4).any(|p| p[3] != 255) {
            return Ok(Pixels {
                width,
                height,
                alpha: true,
                data: rgba,
            });
        }
        let data = rgba
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        return Ok(Pixels {
            width,
            height,
            alpha: false,
            data,
        });
    }
    Ok(Pixels {
        width,
        height,
        alpha: false,
        data: image.into_rgb8().into_raw(),
    })
}

/// A JPEG's image data ends with its end-of-image marker (FF D9). A
/// cut-off file decodes to a grey lower part instead of an error; this
/// catches it. The marker must come after the last start-of-scan (FF DA):
/// an EXIF thumbnail near the start has markers of its own, and inside
/// image data FF is only ever followed by 00 or a restart marker.
fn is_truncated_jpeg(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
    let Some(scan) = last_scan else {
        return true;
    };
    !bytes[scan..].windows(2).any(|w| w == [0xFF, 0xD9])
}

impl Pixels {
    fn channels(&self) -> usize {
        if self.alpha { 4 } else { 3 }
    }

    /// The image scaled to `width` (never larger than it is), with
    /// Lanczos3 by fast_image_resize.
    pub fn resized(&self, width: u32) -> Result<Pixels, Problem> {
        if width >= self.width {
            return Ok(Pixels {
                width: self.width,
                height: self.height,
                alpha: self.alpha,
                data: self.data.clone(),
            });
        }
        let height = scaled_height(self.width, self.height, width);
        let pixel_type = if self.alpha {
            fast_image_resize::PixelType::U8x4
        } else {
            fast_image_resize::PixelType::U8x3
        };
        let broken = |e: &dyn std::fmt::Display| Problem::Broken(e.to_string());
        let source = fast_image_resize::images::ImageRef::new(
            self.width,
            self.height,
            &self.data,
            pixel_type,
        )
        .map_err(|e| broken(&e))?;
        let mut target = fast_image_resize::images::Image::new(width, height, pixel_type);
        fast_image_resize::Resizer::new()
            .resize(&source, &mut target, None)
            .map_err(|e| broken(&e))?;
        Ok(Pixels {
            width,
            height,
            alpha: self.alpha,
            data: target.into_vec(),
        })
    }

    /// Lossy WebP at `quality` (0–100), alpha kept.
    pub fn webp(&self, quality: f32) -> Result<Vec<u8>, Problem> {
        let encoder = if self.alpha {
            webp::Encoder::from_rgba(&self.data, self.width, self.height)
        } else {
            webp::Encoder::from_rgb(&self.data, self.width, self.height)
        };
        encoder
            .encode_simple(false, quality)
            .map(|memory| memory.to_vec())
            .map_err(|e| Problem::Broken(format!("WebP: {e:?}")))
    }

    /// Lossless WebP, alpha kept: for drawings and screenshots, where it
    /// is smaller than lossy WebP and than PNG.
    pub fn webp_lossless(&self) -> Result<Vec<u8>, Problem> {
        let encoder = if self.alpha {
            webp::Encoder::from_rgba(&self.data, self.width, self.height)
        } else {
            webp::Encoder::from_rgb(&self.data, self.width, self.height)
        };
        encoder
            .encode_simple(true, 75.0)
            .map(|memory| memory.to_vec())
            .map_err(|e| Problem::Broken(format!("WebP: {e:?}")))
    }

    /// Baseline JPEG at `quality` (1–100); alpha is dropped.
    pub fn jpeg(&self, quality: u8) -> Result<Vec<u8>, Problem> {
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
        let rgb;
        let data = if self.alpha {
            rgb = self
                .data
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect::<Vec<u8>>();
            &rgb
        } else {
            &self.data
        };
        image::ImageEncoder::write_image(
            encoder,
            data,
            self.width,
            self.height,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| Problem::Broken(e.to_string()))?;
        Ok(out)
    }

    /// Lossless PNG (best compression the encoder offers quickly).
    pub fn png(&self) -> Result<Vec<u8>, Problem> {
        use image::codecs::png::{CompressionType, FilterType, PngEncoder};
        let mut out = Vec::new();
        let encoder =
            PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive);
        let colour = if self.alpha {
            image::ExtendedColorType::Rgba8
        } else {
            image::ExtendedColorType::Rgb8
        };
        image::ImageEncoder::write_image(encoder, &self.data, self.width, self.height, colour)
            .map_err(|e| Problem::Broken(e.to_string()))?;
        Ok(out)
    }

    /// A single-frame GIF (256 colours).
    pub fn gif(&self) -> Result<Vec<u8>, Problem> {
        let mut out = Vec::new();
        let rgba: Vec<u8> = if self.alpha {
            self.data.clone()
        } else {
            self.data
                .chunks_exact(3)
                .flat_map(|p| [p[0], p[1], p[2], 255])
                .collect()
        };
        let buffer = image::RgbaImage::from_raw(self.width, self.height, rgba)
            .ok_or_else(|| Problem::Broken("GIF".into()))?;
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut out);
        encoder
            .encode_frame(image::Frame::new(buffer))
            .map_err(|e| Problem::Broken(e.to_string()))?;
        drop(encoder);
        Ok(out)
    }

    /// Encoded as `format` at the given quality (used by JPEG and WebP).
    pub fn encode(&self, format: Format, quality: u8) -> Result<Vec<u8>, Problem> {
        match format {
            Format::Jpeg => self.jpeg(quality),
            Format::Png => self.png(),
            Format::Gif => self.gif(),
            Format::Webp => self.webp(f32::from(quality)),
        }
    }

    /// The pixel count times channels (for memory estimates).
    pub fn len(&self) -> usize {
        self.width as usize * self.height as usize * self.channels()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The height of an image `width` × `height` scaled to `to_width`,
/// rounded, at least 1.
pub fn scaled_height(width: u32, height: u32, to_width: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(to_width) + u64::from(width) / 2) / u64::from(width);
    scaled.max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let data = (0..width * height * 3).map(|i| (i % 251) as u8).collect();
        Pixels {
            width,
            height,
            alpha: false,
            data,
        }
        .jpeg(80)
        .unwrap()
    }

    #[test]
    fn a_jpeg_is_probed_decoded_resized_and_encoded() {
        let bytes = jpeg(64, 48);
        assert_eq!(
            probe(&bytes).unwrap(),
            Info {
                format: Format::Jpeg,
                width: 64,
                height: 48
            }
        );
        let pixels = decode(&bytes).unwrap();
        let small = pixels.resized(32).unwrap();
        assert_eq!((small.width, small.height), (32, 24));
        let webp = small.webp(75.0).unwrap();
        assert_eq!(&webp[..4], b"RIFF");
        assert_eq!(&webp[8..12], b"WEBP");
        let bigger = pixels.resized(128).unwrap();
        assert_eq!(bigger.width, 64, "never upscaled");
    }

    #[test]
    fn a_cut_off_jpeg_is_broken_and_not_decoded_grey() {
        let bytes = jpeg(64, 48);
        let cut = &bytes[..bytes.len() / 2];
        assert!(matches!(decode(cut), Err(Problem::Broken(_))));
    }

    #[test]
    fn a_huge_claimed_size_is_refused_from_the_header() {
        // A PNG header claiming 100 000 × 100 000 pixels, nothing more.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(100_000u32.to_be_bytes());
        png.extend(100_000u32.to_be_bytes());
        png.extend([8, 2, 0, 0, 0]);
        png.extend(crc32(&png[12..]).to_be_bytes());
        png.extend(idat_and_end(crc32));
        assert!(matches!(probe(&png), Err(Problem::TooLarge { .. })));
        assert!(matches!(decode(&png), Err(Problem::TooLarge { .. })));
    }

    #[test]
    fn text_is_not_an_image() {
        assert_eq!(probe(b"hallo wereld"), Err(Problem::Unsupported));
        assert_eq!(Format::from_name("a.JPEG"), Some(Format::Jpeg));
        assert_eq!(Format::from_name("a.tiff"), None);
    }

    #[test]
    fn heights_scale_with_rounding() {
        assert_eq!(scaled_height(4000, 3000, 480), 360);
        assert_eq!(scaled_height(3, 1, 2), 1);
        assert_eq!(scaled_height(1000, 1, 10), 1);
    }

    /// A small IDAT chunk (zlib, one stored block of five zeros) and IEND.
    fn idat_and_end(crc32: fn(&[u8]) -> u32) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, data) in [
            (
                &b"IDAT"[..],
                &b"\x78\x01\x01\x05\x00\xfa\xff\0\0\0\0\0\x00\x05\x00\x01"[..],
            ),
            (b"IEND", b""),
        ] {
            out.extend((data.len() as u32).to_be_bytes());
            let mut chunk = name.to_vec();
            chunk.extend(data);
            out.extend(&chunk);
            out.extend(crc32(&chunk).to_be_bytes());
        }
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
