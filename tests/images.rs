//! Photos: resized into srcset widths, published without any metadata
//! (checked with an independent EXIF reader, kamadak-exif), turned upright,
//! cached between builds, and bad photos refused in Dutch without a panic.

mod common;

use common::Fixture;
use std::path::Path;

/// A JPEG of `width` × `height` with an EXIF segment holding the
/// orientation and a GPS position, and an XMP segment with the position
/// again: what a phone writes.
fn phone_jpeg(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let pixels: Vec<u8> = (0..width * height)
        .flat_map(|i| {
            let (x, y) = (i % width, i / width);
            [(x * 255 / width) as u8, (y * 255 / height) as u8, 128]
        })
        .collect();
    let mut plain = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90),
        &pixels,
        width,
        height,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    // TIFF, big-endian: IFD0 with Orientation and a GPS IFD pointer; the
    // GPS IFD with latitude N 52° 9' 30".
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = tag.to_be_bytes().to_vec();
        e.extend(kind.to_be_bytes());
        e.extend(count.to_be_bytes());
        e.extend(value.to_be_bytes());
        e
    };
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0112, 3, 1, u32::from(orientation) << 16));
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
    assert_eq!(tiff.len(), 92);
    let segment = |marker: u8, body: &[u8]| {
        let mut s = vec![0xFF, marker];
        s.extend(((body.len() + 2) as u16).to_be_bytes());
        s.extend(body);
        s
    };
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(&tiff);
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend(b"<x:xmpmeta><rdf:Description exif:GPSLatitude=\"52,9.5N\"/></x:xmpmeta>");
    let mut jpeg = plain[..2].to_vec();
    jpeg.extend(segment(0xE1, &exif));
    jpeg.extend(segment(0xE1, &xmp));
    jpeg.extend(&plain[2..]);
    jpeg
}

/// What kamadak-exif finds in `bytes` (any container it knows).
fn exif_fields(bytes: &[u8]) -> usize {
    let mut cursor = std::io::Cursor::new(bytes);
    match exif::Reader::new().read_from_container(&mut cursor) {
        Ok(found) => found.fields().count(),
        Err(_) => 0,
    }
}

fn output_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    common::snapshot(dir)
}

fn photo_site() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/pages/oogstfeest/kraam.jpg",
        phone_jpeg(2000, 1500, 1),
    );
    site.write("content/pages/oogstfeest/staand.jpg", phone_jpeg(60, 40, 6));
    site.write("content/static/fotos/straat.jpg", phone_jpeg(300, 200, 1));
    site.write(
        "content/pages/oogstfeest.md",
        "---\ntitle: Oogstfeest\nimage: oogstfeest/kraam.jpg\nimage_alt: De kraam met pompoenen\n---\nHet feest.\n\n![Kinderen bij de kraam](oogstfeest/kraam.jpg)\n\n![Een staande foto](oogstfeest/staand.jpg)\n\n![De straat](/fotos/straat.jpg)\n",
    );
    site
}

#[test]
fn the_fixture_really_carries_gps() {
    let jpeg = phone_jpeg(40, 30, 1);
    let mut cursor = std::io::Cursor::new(&jpeg);
    let found = exif::Reader::new()
        .read_from_container(&mut cursor)
        .unwrap();
    assert!(
        found
            .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
            .is_some()
    );
}

#[test]
fn no_output_file_holds_exif_gps_or_xmp_and_no_original_is_copied() {
    let site = photo_site();
    site.build_ok();
    let originals = [
        std::fs::read(site.root().join("content/pages/oogstfeest/kraam.jpg")).unwrap(),
        std::fs::read(site.root().join("content/static/fotos/straat.jpg")).unwrap(),
    ];
    let files = output_files(&site.root().join("output"));
    let mut photos = 0;
    for (path, bytes) in &files {
        assert!(!originals.contains(bytes), "{path} is an original");
        let is_photo = [".jpg", ".webp", ".png"].iter().any(|e| path.ends_with(e));
        if !is_photo {
            continue;
        }
        photos += 1;
        assert_eq!(exif_fields(bytes), 0, "{path} has EXIF");
        for needle in [&b"Exif\0"[..], b"xap/1.0", b"GPSLatitude", b"xmpmeta"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{path} holds {}",
                String::from_utf8_lossy(needle)
            );
        }
    }
    // kraam: 3 widths × 2 formats; staand: 1 × 2; straat: 1 × 2 and the
    // cleaned static file.
    assert_eq!(
        photos,
        6 + 2 + 2 + 1,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(site.output_exists("fotos/straat.jpg"));
}

#[test]
fn pictures_have_srcset_sizes_dimensions_and_lazy_loading() {
    let site = photo_site();
    site.build_ok();
    let html = site.output("oogstfeest/index.html");
    let pictures: Vec<&str> = html.split("<picture>").skip(1).collect();
    assert_eq!(pictures.len(), 4, "{html}");
    // The lead photo: eager, all three widths, the size of the widest.
    let lead = pictures[0];
    for width in [480, 960, 1600] {
        assert!(lead.contains(&format!("-{width}.webp {width}w")), "{lead}");
        assert!(lead.contains(&format!("-{width}.jpg {width}w")), "{lead}");
    }
    assert!(lead.contains("width=\"1600\" height=\"1200\""), "{lead}");
    assert!(lead.contains("sizes=\""), "{lead}");
    assert!(!lead.contains("loading=\"lazy\""), "{lead}");
    // The first photo of the text is on the first screen too; the rest wait.
    assert!(!pictures[1].contains("loading=\"lazy\""));
    assert!(pictures[2].contains("loading=\"lazy\""));
    // Turned upright: the 60 × 40 photo with orientation 6 is 40 × 60.
    assert!(
        pictures[2].contains("width=\"40\" height=\"60\""),
        "{}",
        pictures[2]
    );
    assert!(!pictures[2].contains("1600w"), "never upscaled");
    let upright = std::fs::read(
        site.root().join("output").join(
            pictures[2]
                .split("src=\"/")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap(),
        ),
    )
    .unwrap();
    let decoded = image::load_from_memory(&upright).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (40, 60));
    // Shared links show the lead photo.
    assert!(
        html.contains("<meta property=\"og:image\" content=\"https://"),
        "{html}"
    );
    assert!(html.contains("-1600.jpg\">"), "{html}");
}

#[test]
fn a_rebuild_takes_every_photo_from_the_cache_and_prunes_only_its_own_files() {
    let site = photo_site();
    let first = site.run(&["build", "--timings"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let all = format!("{}{}", first.stdout, first.stderr);
    assert!(
        all.contains("afbeeldingen: 11 gemaakt, 0 uit de cache"),
        "{all}"
    );
    let cache = site.root().join(".wijksite-cache/images");
    let foreign = cache.join("notitie.txt");
    std::fs::write(&foreign, "van de beheerder").unwrap();
    let stale = cache.join("0123456789abcdef0123456789abcdef.jpg");
    std::fs::write(&stale, "oud").unwrap();
    let before = site.snapshot();
    let second = site.run(&["build", "--timings"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let all = format!("{}{}", second.stdout, second.stderr);
    assert!(
        all.contains("afbeeldingen: 0 gemaakt, 11 uit de cache"),
        "{all}"
    );
    assert_eq!(site.snapshot(), before, "the cache gives the same bytes");
    assert!(
        foreign.exists(),
        "a file wijksite did not write was removed"
    );
    assert!(!stale.exists(), "an unused cache entry was kept");
}

#[test]
fn an_activity_publishes_the_photo_it_shows_and_check_finds_it() {
    // Activities came in beside photos (issue 19 and 20): the activity's
    // picture must point at files that are made.
    let site = Fixture::new();
    site.write(
        "content/activiteiten/2026-10-03-feest/kraam.jpg",
        phone_jpeg(600, 400, 1),
    );
    site.write(
        "content/activiteiten/2026-10-03-feest.md",
        "---\ntitle: Feest\nstart: 2026-10-03 14:00\norganiser: Tuingroep\n---\n![Kraam](2026-10-03-feest/kraam.jpg)\n",
    );
    // A meeting's photo beside it: `check` renders meetings and
    // activities itself and must see the same pictures as the build.
    site.write(
        "content/bijeenkomsten/2026-10-06-avond/zaal.jpg",
        phone_jpeg(500, 300, 1),
    );
    site.write(
        "content/bijeenkomsten/2026-10-06-avond.md",
        "---\ntitle: Avond\nstart: 2026-10-06 19:30\n---\n![De zaal](2026-10-06-avond/zaal.jpg)\n",
    );
    site.build_ok();
    let html = site.output("activiteiten/2026-10-03-feest/index.html");
    assert!(html.contains("<picture>"), "{html}");
    let broken = common::broken_internal_links(&site.root().join("output"), "/");
    assert!(broken.is_empty(), "{broken:?}");
    let variants: Vec<&str> = html
        .split("/img/")
        .skip(1)
        .map(|rest| rest.split([' ', '"']).next().unwrap_or(""))
        .collect();
    assert!(!variants.is_empty(), "{html}");
    for name in variants {
        assert!(
            site.output_exists(&format!("img/{name}")),
            "img/{name} missing"
        );
    }
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn drafts_publish_no_photos() {
    let site = Fixture::new();
    site.write("content/pages/concept/foto.jpg", phone_jpeg(100, 80, 1));
    site.write(
        "content/pages/concept.md",
        "---\ntitle: Concept\ndraft: true\n---\n![](concept/foto.jpg)\n",
    );
    site.build_ok();
    assert!(!site.output_exists("img"), "a draft's photo was published");
}

#[test]
fn missing_photos_and_alt_texts_are_errors_with_file_and_line() {
    let site = Fixture::new();
    site.write("content/pages/feest/kraam.jpg", phone_jpeg(100, 80, 1));
    site.write(
        "content/pages/feest.md",
        "---\ntitle: Feest\n---\nTekst.\n\n![Kraam](feest/kraan.jpg)\n\n![](feest/kraam.jpg)\n",
    );
    let run = site.build();
    run.assert_error("content/pages/feest.md:6", &["bestaat niet", "kraam.jpg"]);
    run.assert_error("content/pages/feest.md:8", &["alt-tekst"]);
}

#[test]
fn bad_photos_are_dutch_errors_naming_page_and_photo_within_limits() {
    // A PNG header claiming 100 000 × 100 000 pixels.
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend([8, 2, 0, 0, 0]);
    bomb.extend(crc32(&bomb[12..]).to_be_bytes());
    bomb.extend(idat_and_end(crc32));
    let whole = phone_jpeg(200, 150, 1);
    let cut = whole[..whole.len() * 2 / 3].to_vec();
    let cases: [(&str, Vec<u8>, &[&str]); 3] = [
        ("bom.png", bomb, &["te groot", "100000 × 100000"]),
        ("half.jpg", cut, &["beschadigd"]),
        ("tekst.jpg", b"dit is geen foto".to_vec(), &["geen JPEG"]),
    ];
    for (name, bytes, words) in cases {
        let site = Fixture::new();
        let run = site.break_and_build(
            |site| {
                site.write(&format!("content/pages/feest/{name}"), &bytes);
                site.write(
                    "content/pages/feest.md",
                    format!("---\ntitle: Feest\n---\n![Foto](feest/{name})\n"),
                );
            },
            |site| site.build_bounded(1_500_000, 30),
        );
        let mut words = words.to_vec();
        words.push(name);
        // The line of the photo, also for a file found broken only when
        // decoding (the cut-off JPEG).
        run.assert_error("content/pages/feest.md:4", &words);
    }
}

#[test]
fn wrong_names_cmyk_and_animated_gifs_give_a_sane_result() {
    let site = Fixture::new();
    // A PNG named .jpg.
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &[200u8; 30 * 20 * 3],
        30,
        20,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    site.write("content/pages/feest/png.jpg", &png);
    // An animated GIF: its first frame is shown.
    let mut gif = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut gif);
        for shade in [10u8, 240] {
            let frame = image::RgbaImage::from_pixel(16, 12, image::Rgba([shade, 0, 0, 255]));
            encoder.encode_frame(image::Frame::new(frame)).unwrap();
        }
    }
    site.write("content/pages/feest/film.gif", &gif);
    // A CMYK JPEG (as print shops send): shown in RGB.
    let mut cmyk = Vec::new();
    jpeg_encoder::Encoder::new(&mut cmyk, 90)
        .encode(
            &[0u8, 200, 200, 0].repeat(24 * 18),
            24,
            18,
            jpeg_encoder::ColorType::Cmyk,
        )
        .unwrap();
    site.write("content/pages/feest/druk.jpg", &cmyk);
    site.write(
        "content/pages/feest.md",
        "---\ntitle: Feest\n---\n![Vlak](feest/png.jpg)\n\n![Film](feest/film.gif)\n\n![Drukwerk](feest/druk.jpg)\n",
    );
    site.build_ok();
    let html = site.output("feest/index.html");
    assert!(html.contains("width=\"24\" height=\"18\""), "{html}");
    let druk = std::fs::read_dir(site.root().join("output/img"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("druk-") && name.ends_with(".jpg")
        })
        .unwrap();
    let jpeg = std::fs::read(druk).unwrap();
    let rgb = image::load_from_memory(&jpeg).unwrap().into_rgb8();
    let red = rgb.get_pixel(12, 9);
    assert!(
        red[0] > 150 && red[1] < 120 && red[2] < 120,
        "CMYK 0/200/200/0 is red, got {red:?}"
    );
    assert!(html.contains("width=\"30\" height=\"20\""), "{html}");
    assert!(html.contains("width=\"16\" height=\"12\""), "{html}");
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

#[test]
fn serve_holds_the_photos_in_memory_and_follows_an_edit() {
    use wijksite::build::incremental::Session;
    use wijksite::build::pipeline::BuildOptions;
    let site = photo_site();
    let mut session = Session::new(BuildOptions {
        root: site.root().to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        drafts: false,
    });
    session.rebuild().expect("first build");
    let photos = |session: &Session| -> Vec<String> {
        session
            .files()
            .keys()
            .map(|path| path.to_string())
            .filter(|p| p.starts_with("img/"))
            .collect()
    };
    assert_eq!(photos(&session).len(), 10);
    let webp = photos(&session)
        .into_iter()
        .find(|p| p.ends_with(".webp"))
        .unwrap();
    assert_eq!(&session.files()[webp.as_str()][8..12], b"WEBP");
    assert!(!site.output_exists(""), "serve wrote output/");

    site.write(
        "content/pages/oogstfeest/nieuw.jpg",
        phone_jpeg(500, 400, 1),
    );
    site.write(
        "content/pages/meedoen.md",
        "---\ntitle: Meedoen\nmenu: true\n---\n![Nieuw](oogstfeest/nieuw.jpg)\n",
    );
    session
        .apply(
            [
                "content/pages/oogstfeest/nieuw.jpg".to_string(),
                "content/pages/meedoen.md".to_string(),
            ],
            false,
        )
        .expect("rebuild");
    let now = photos(&session);
    assert_eq!(now.len(), 14, "{now:?}");
    assert!(
        session.files()["meedoen/index.html"]
            .windows(7)
            .any(|w| w == b"picture")
    );
}

#[test]
fn without_a_usable_cache_folder_photos_are_made_in_memory() {
    let site = photo_site();
    // A file where the cache folder would be: not wijksite's, left alone.
    site.write(".wijksite-cache", "van iemand anders");
    site.build_ok();
    assert!(site.output_exists("fotos/straat.jpg"));
    let html = site.output("oogstfeest/index.html");
    let first = html
        .split("src=\"/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(site.output_exists(first), "{first}");
    assert_eq!(
        std::fs::read_to_string(site.root().join(".wijksite-cache")).unwrap(),
        "van iemand anders"
    );
    use wijksite::build::incremental::Session;
    let mut session = Session::new(wijksite::build::pipeline::BuildOptions {
        root: site.root().to_path_buf(),
        base_url: None,
        drafts: false,
    });
    session.rebuild().expect("serve without a cache");
    assert!(session.files().contains_key(first));
}

#[test]
fn a_heic_photo_in_static_is_refused_not_copied() {
    let site = Fixture::new();
    let run = site.break_and_build(
        |site| site.write("content/static/fotos/IMG_0001.HEIC", b"\0\0\0\x18ftypheic"),
        |site| site.build(),
    );
    run.assert_error("content/static/fotos/IMG_0001.HEIC", &["GPS", "JPEG"]);
}
