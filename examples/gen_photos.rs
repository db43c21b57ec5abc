//! Makes test photos for the image benchmark (docs/performance.md):
//!
//!     cargo run --release --example gen_photos -- DIR COUNT [WIDTH HEIGHT]
//!
//! writes DIR/foto-001.jpg … as phones do: 4000 × 3000 (12 MP) by default,
//! JPEG quality 90, with an EXIF segment holding a GPS position. The
//! pictures are made of layered noise, which compresses like a real photo
//! (a smooth gradient would make every encoder look too good). Seeded by
//! the number, so every run writes the same files.
//!
//!     cargo run --release --example gen_photos -- --drawing FILE.png
//!
//! draws the sample site's illustration (a street with houses and trees).
//!
//!     cargo run --release --example gen_photos -- --quality PHOTO.jpg
//!
//! prints, for a real photo resized to 960 and 1600 px as wijksite does,
//! the size and the PSNR (luma, dB) of WebP and JPEG at several qualities:
//! the measurement behind the qualities in src/build/images.rs.

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--drawing") {
        let path = args.get(1).expect("--drawing FILE.png");
        std::fs::write(path, drawing()).expect("write drawing");
        return;
    }
    if args.first().map(String::as_str) == Some("--quality") {
        quality(args.get(1).expect("--quality PHOTO"));
        return;
    }
    let dir = std::path::PathBuf::from(args.first().expect("DIR COUNT [WIDTH HEIGHT]"));
    let count: u32 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let width: u32 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(4000);
    let height: u32 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(3000);
    std::fs::create_dir_all(&dir).expect("make DIR");
    (1..=count).into_par_iter().for_each(|n| {
        let jpeg = with_gps(&photo(n, width, height));
        std::fs::write(dir.join(format!("foto-{n:03}.jpg")), jpeg).expect("write photo");
    });
}

/// A small, fast pseudo-random generator (splitmix64).
fn hash(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Smooth value noise at a grid of `cell` pixels, 0..=255.
fn noise(seed: u64, x: u32, y: u32, cell: u32) -> f32 {
    let (gx, gy) = (x / cell, y / cell);
    let (fx, fy) = (
        (x % cell) as f32 / cell as f32,
        (y % cell) as f32 / cell as f32,
    );
    let at = |i: u32, j: u32| (hash(seed ^ (u64::from(i) << 32 | u64::from(j))) & 0xFF) as f32;
    let smooth = |t: f32| t * t * (3.0 - 2.0 * t);
    let (sx, sy) = (smooth(fx), smooth(fy));
    let top = at(gx, gy) * (1.0 - sx) + at(gx + 1, gy) * sx;
    let bottom = at(gx, gy + 1) * (1.0 - sx) + at(gx + 1, gy + 1) * sx;
    top * (1.0 - sy) + bottom * sy
}

fn photo(n: u32, width: u32, height: u32) -> Vec<u8> {
    let seed = u64::from(n) * 7919;
    let mut rgb = vec![0u8; (width * height * 3) as usize];
    rgb.par_chunks_mut((width * 3) as usize)
        .enumerate()
        .for_each(|(y, row)| {
            let y = y as u32;
            for x in 0..width {
                let base = noise(seed, x, y, 400) * 0.5 + noise(seed + 1, x, y, 60) * 0.3;
                let grain = (hash(seed ^ u64::from(x) << 20 ^ u64::from(y)) & 0x1F) as f32;
                let light = base + noise(seed + 2, x, y, 8) * 0.1 + grain * 0.3;
                let i = (x * 3) as usize;
                row[i] = (light * 0.9 + noise(seed + 3, x, y, 700) * 0.2).min(255.0) as u8;
                row[i + 1] = (light * 0.8 + noise(seed + 4, x, y, 500) * 0.25).min(255.0) as u8;
                row[i + 2] = (light * 0.6 + noise(seed + 5, x, y, 900) * 0.3).min(255.0) as u8;
            }
        });
    let mut jpeg = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90),
        &rgb,
        width,
        height,
        image::ExtendedColorType::Rgb8,
    )
    .expect("encode");
    jpeg
}

/// `jpeg` with an EXIF segment (orientation 1, GPS N 52° 9' 30") after SOI.
fn with_gps(jpeg: &[u8]) -> Vec<u8> {
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = tag.to_be_bytes().to_vec();
        e.extend(kind.to_be_bytes());
        e.extend(count.to_be_bytes());
        e.extend(value.to_be_bytes());
        e
    };
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0112, 3, 1, 1 << 16));
    tiff.extend(entry(0x8825, 4, 1, 38));
    tiff.extend(0u32.to_be_bytes());
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_be_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, 68));
    tiff.extend(0u32.to_be_bytes());
    for (num, den) in [(52u32, 1u32), (9, 1), (30, 1)] {
        tiff.extend(num.to_be_bytes());
        tiff.extend(den.to_be_bytes());
    }
    let mut body = b"Exif\0\0".to_vec();
    body.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((body.len() + 2) as u16).to_be_bytes());
    out.extend(body);
    out.extend(&jpeg[2..]);
    out
}

/// The sample site's illustration: sky, a row of houses with gables and
/// windows, trees and a pavement, in flat colours.
fn drawing() -> Vec<u8> {
    let (width, height) = (1600u32, 900u32);
    let mut img = image::RgbImage::from_pixel(width, height, image::Rgb([200, 226, 240]));
    let rect = |img: &mut image::RgbImage, x0: i64, y0: i64, x1: i64, y1: i64, c: [u8; 3]| {
        for y in y0.max(0)..y1.min(i64::from(height)) {
            for x in x0.max(0)..x1.min(i64::from(width)) {
                img.put_pixel(x as u32, y as u32, image::Rgb(c));
            }
        }
    };
    // Sun.
    for y in 60..220i64 {
        for x in 1280..1440i64 {
            if (x - 1360).pow(2) + (y - 140).pow(2) < 70 * 70 {
                img.put_pixel(x as u32, y as u32, image::Rgb([250, 210, 90]));
            }
        }
    }
    // Grass and pavement.
    rect(&mut img, 0, 700, 1600, 900, [120, 170, 100]);
    rect(&mut img, 0, 760, 1600, 830, [170, 170, 165]);
    let bricks = [[150, 70, 55], [170, 90, 60], [135, 80, 70], [160, 100, 75]];
    for (i, x0) in (60..1400).step_by(260).enumerate() {
        let x0 = x0 as i64;
        let brick = bricks[i % bricks.len()];
        rect(&mut img, x0, 380, x0 + 240, 700, brick);
        // Gable roof.
        for y in 250..380i64 {
            let half = (y - 250) * 130 / 130;
            rect(
                &mut img,
                x0 + 120 - half,
                y,
                x0 + 120 + half,
                y + 1,
                [70, 70, 80],
            );
        }
        // Windows and a door.
        for (wx, wy) in [(30, 420), (140, 420), (30, 540)] {
            rect(
                &mut img,
                x0 + wx,
                wy,
                x0 + wx + 70,
                wy + 80,
                [235, 240, 245],
            );
            rect(
                &mut img,
                x0 + wx + 33,
                wy,
                x0 + wx + 37,
                wy + 80,
                [90, 60, 50],
            );
        }
        rect(&mut img, x0 + 150, 580, x0 + 210, 700, [60, 90, 120]);
    }
    // Trees.
    for cx in [40i64, 560, 1080, 1560] {
        rect(&mut img, cx - 12, 560, cx + 12, 740, [100, 70, 40]);
        for y in 420..600i64 {
            for x in cx - 90..cx + 90 {
                if (x - cx).pow(2) + (y - 510).pow(2) < 85 * 85 && (0..1600).contains(&x) {
                    img.put_pixel(x as u32, y as u32, image::Rgb([60, 130, 70]));
                }
            }
        }
    }
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new_with_quality(
            &mut png,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        ),
        img.as_raw(),
        width,
        height,
        image::ExtendedColorType::Rgb8,
    )
    .expect("encode");
    png
}

/// Size and luma PSNR of each encoding of `path` at 960 and 1600 px.
fn quality(path: &str) {
    use wijksite::formats::image as codec;
    let bytes = std::fs::read(path).expect("read photo");
    let pixels = codec::decode(&bytes).expect("decode photo");
    for width in [960, 1600] {
        let reference = pixels.resized(width).expect("resize");
        let luma = |rgb: &[u8]| -> Vec<f64> {
            rgb.chunks_exact(3)
                .map(|p| {
                    0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
                })
                .collect()
        };
        let want = luma(&reference.data);
        let psnr = |encoded: &[u8]| {
            let got = image::load_from_memory(encoded)
                .expect("decode")
                .into_rgb8();
            let got = luma(got.as_raw());
            let mse: f64 = want
                .iter()
                .zip(&got)
                .map(|(a, b)| (a - b).powi(2))
                .sum::<f64>()
                / want.len() as f64;
            10.0 * (255.0f64 * 255.0 / mse).log10()
        };
        for q in [60u8, 70, 75, 80, 90] {
            let webp = reference.webp(f32::from(q)).expect("webp");
            println!(
                "{width} px WebP q{q}: {:>4} kB, PSNR {:.2} dB",
                webp.len() / 1024,
                psnr(&webp)
            );
        }
        for q in [70u8, 75, 82, 85, 90] {
            let jpeg = reference.jpeg(q).expect("jpeg");
            println!(
                "{width} px JPEG q{q}: {:>4} kB, PSNR {:.2} dB",
                jpeg.len() / 1024,
                psnr(&jpeg)
            );
        }
    }
}
