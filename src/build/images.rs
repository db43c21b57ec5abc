//! Making the photos: every width of every photo a published document
//! shows, in WebP and JPEG (or PNG), and every photo in content/static/
//! cleaned (same size and format, no metadata). Photos are decoded and
//! encoded in parallel, and each result is kept in a cache,
//! `ROOT/.wijksite-cache/images/`, under a key made of the photo's bytes
//! and the settings: an unchanged photo costs one read and one hash on
//! the next build. The original file never reaches the output.
//!
//! The cache folder is wijksite's own. A build removes from it only the
//! files it wrote itself (named `<32 hex digits>.<webp|jpg|png|gif>`) that
//! this build did not use; anything else there is left alone.

use crate::content::config::CONFIG_FILE;
use crate::content::images::{self, ImageSet, Source};
use crate::formats::image::{self as codec, Format};
use crate::model::Site;
use crate::theme::output_file::{Data, OutputFile};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The cache folder below the site root (kept by the publishing pipelines).
pub const CACHE_DIR: &str = ".wijksite-cache/images";

/// WebP quality: at 80 a photo has the PSNR of JPEG quality 75 at about
/// half its size (measured in docs/performance.md, "Photos").
pub const WEBP_QUALITY: u8 = 80;
/// JPEG quality for browsers without WebP and for cleaned static photos.
pub const JPEG_QUALITY: u8 = 82;

/// Changes whenever the way files are made changes (encoder, resizer,
/// settings), so old cache entries are not used for new output.
const SETTINGS: &str = "wijksite-images-2";

/// One file to make from a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Want {
    /// Output path in the site.
    path: String,
    width: u32,
    format: Format,
}

/// The outputs of the photos: cleaned static files by output path, and
/// the resized variants.
#[derive(Debug, Default)]
pub struct ImageOutputs {
    pub cleaned: BTreeMap<String, Data>,
    pub variants: Vec<OutputFile>,
}

/// Makes (or takes from the cache) every photo file of `site`; problems
/// name the document and the photo.
pub fn outputs(site: &Site, problems: &mut Diagnostics) -> ImageOutputs {
    let Some(set) = site.config.images.as_deref() else {
        return ImageOutputs::default();
    };
    let published = published_documents(site);
    let used = set.used_by(&|document| published.contains(document));
    let mut jobs: Vec<(Arc<Source>, Vec<Want>, bool)> = Vec::new();
    for source in used {
        let wants = source
            .widths()
            .into_iter()
            .flat_map(|width| {
                [Format::Webp, source.fallback()]
                    .into_iter()
                    .map(move |format| (width, format))
            })
            .map(|(width, format)| Want {
                path: source.variant_path(width, format),
                width,
                format,
            })
            .collect();
        jobs.push((source, wants, false));
    }
    for file in &site.static_files {
        if is_uncleanable_photo(&file.to) {
            problems.push(
                Diagnostic::error(
                    &file.source,
                    "wijksite kan dit soort foto niet zonder de plaats van opname (GPS) publiceren",
                )
                .hint("bewaar de foto als JPEG (.jpg) en zet die in de plaats van dit bestand. Een foto van een iPhone (HEIC) kunt u op de telefoon als JPEG bewaren of delen"),
            );
            continue;
        }
        if !images::is_raster(&file.to) {
            continue;
        }
        match set.static_source(&file.source) {
            Some(Ok(source)) => {
                let format = static_format(&file.to, source.info.format);
                let want = Want {
                    path: file.to.clone(),
                    width: source.info.width,
                    format,
                };
                jobs.push((source, vec![want], true));
            }
            Some(Err(problem)) => problems.push(problem),
            None => {}
        }
    }
    if jobs.is_empty() {
        // No photos: no cache folder either.
        return ImageOutputs::default();
    }
    let cache = set.cache_dir().and_then(usable_cache);
    let results: Vec<Result<Vec<(String, Data)>, Diagnostic>> = jobs
        .par_iter()
        .map(|(source, wants, is_static)| make(set, source, wants, cache.as_deref(), *is_static))
        .collect();
    let mut out = ImageOutputs::default();
    for (result, (_, _, is_static)) in results.into_iter().zip(&jobs) {
        match result {
            Ok(files) if *is_static => out.cleaned.extend(files),
            Ok(files) => out.variants.extend(
                files
                    .into_iter()
                    .map(|(path, data)| OutputFile { path, data }),
            ),
            Err(problem) => problems.push(problem),
        }
    }
    out.variants.sort_by(|a, b| a.path.cmp(&b.path));
    out.variants.dedup_by(|a, b| a.path == b.path);
    out
}

/// Photo formats that carry EXIF (GPS) but that wijksite cannot decode,
/// so cannot clean: refused in content/static/ rather than copied.
fn is_uncleanable_photo(name: &str) -> bool {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    ["heic", "heif", "tif", "tiff", "avif", "dng", "jxl"].contains(&ext.as_str())
}

/// A static photo keeps its format as its name says (a PNG named `.jpg`
/// becomes a JPEG), so links to it keep working.
fn static_format(to: &str, actual: Format) -> Format {
    Format::from_name(to).unwrap_or(actual)
}

/// The documents published in this build (drafts are not, unless built).
fn published_documents(site: &Site) -> BTreeSet<&str> {
    let mut documents: BTreeSet<&str> = site.all_pages().map(|p| p.source.as_str()).collect();
    documents.extend(site.agenda.meetings.iter().map(|m| m.source.as_str()));
    documents.extend(site.editions.iter().map(|e| e.source.as_str()));
    documents.extend(site.wijkplannen.iter().map(|w| w.source.as_str()));
    documents.extend(site.rounds.iter().map(|r| r.source.as_str()));
    // Activities, reports and points show photos too; without them here
    // their pages pointed at /img/ files that were never made.
    documents.extend(site.activities.iter().map(|a| a.source.as_str()));
    documents.extend(site.reports.iter().map(|r| r.source.as_str()));
    documents.extend(site.points.iter().map(|p| p.source.as_str()));
    documents.insert(CONFIG_FILE);
    documents
}

/// The cache folder, created if needed; `None` (no cache, everything made
/// in memory) when it cannot be made or is not a plain folder.
fn usable_cache(dir: &Path) -> Option<PathBuf> {
    if std::fs::create_dir_all(dir).is_err() {
        return None;
    }
    let meta = std::fs::symlink_metadata(dir).ok()?;
    meta.is_dir().then(|| dir.to_path_buf())
}

/// The cache file name of one output of a photo.
fn cache_name(source: &Source, want: &Want, is_static: bool) -> String {
    let quality = match want.format {
        Format::Webp => WEBP_QUALITY,
        Format::Jpeg => JPEG_QUALITY,
        Format::Png | Format::Gif => 0,
    };
    let key = format!(
        "{SETTINGS}|{:032x}|{}|{}|{quality}|{is_static}",
        source.hash,
        want.width,
        want.format.extension()
    );
    format!(
        "{:032x}.{}",
        xxhash_rust::xxh3::xxh3_128(key.as_bytes()),
        want.format.extension()
    )
}

/// Makes the wanted files of one photo, from the cache where it has them.
fn make(
    set: &ImageSet,
    source: &Source,
    wants: &[Want],
    cache: Option<&Path>,
    is_static: bool,
) -> Result<Vec<(String, Data)>, Diagnostic> {
    let mut made = Vec::with_capacity(wants.len());
    let mut missing = Vec::new();
    for want in wants {
        let name = cache_name(source, want, is_static);
        set.note_cache_entry(&name);
        match cache.map(|dir| dir.join(&name)) {
            Some(path) if path.is_file() => {
                set.count(false);
                made.push((want.path.clone(), Data::Copy(path)));
            }
            cached => missing.push((want, cached)),
        }
    }
    if missing.is_empty() {
        return Ok(made);
    }
    let failed = |problem: &codec::Problem| {
        let (message, hint) = images::problem_message(&source.rel, problem);
        let (document, line) = set
            .documents_showing(&source.rel)
            .into_iter()
            .next()
            .unwrap_or_else(|| (source.rel.clone(), None));
        Diagnostic::error(document, message).at_opt(line).hint(hint)
    };
    let bytes = std::fs::read(&source.abs).map_err(|e| {
        failed(&codec::Problem::Broken(
            crate::util::diagnostics::io_reason(&e),
        ))
    })?;
    if xxhash_rust::xxh3::xxh3_128(&bytes) != source.hash {
        return Err(failed(&codec::Problem::Broken(
            "het bestand veranderde tijdens het maken van de site".into(),
        )));
    }
    let pixels = codec::decode(&bytes).map_err(|p| failed(&p))?;
    drop(bytes);
    // Widest first: each narrower width is made from the one before, which
    // costs a fraction of scaling the full photo again.
    missing.sort_by_key(|(want, _)| std::cmp::Reverse(want.width));
    let mut scaled: Option<codec::Pixels> = None;
    for (want, cached) in missing {
        let from = match &scaled {
            Some(previous) if previous.width >= want.width && previous.width < pixels.width => {
                previous
            }
            _ => &pixels,
        };
        let resized = from.resized(want.width).map_err(|p| failed(&p))?;
        let quality = match want.format {
            Format::Webp => WEBP_QUALITY,
            _ => JPEG_QUALITY,
        };
        let mut encoded = resized
            .encode(want.format, quality)
            .map_err(|p| failed(&p))?;
        if want.format == Format::Webp && source.info.format != Format::Jpeg {
            // A PNG, GIF or WebP is often a drawing or a screenshot: flat
            // colours are smaller without loss. The smaller of the two wins.
            let lossless = resized.webp_lossless().map_err(|p| failed(&p))?;
            if lossless.len() < encoded.len() {
                encoded = lossless;
            }
        }
        set.count(true);
        let data = match cached.and_then(|path| store(&path, &encoded).ok().map(|()| path)) {
            Some(path) => Data::Copy(path),
            None => Data::Bytes(encoded),
        };
        made.push((want.path.clone(), data));
        if resized.width < pixels.width {
            scaled = Some(resized);
        }
    }
    Ok(made)
}

/// Writes a cache file whole or not at all (a temporary file renamed).
fn store(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// Whether a file name in the cache folder is one wijksite writes.
fn is_cache_entry(name: &str) -> bool {
    let Some((stem, ext)) = name.split_once('.') else {
        return false;
    };
    stem.len() == 32
        && stem
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && ["webp", "jpg", "png", "gif"].contains(&ext)
}

/// Removes the cache files this build did not use: only files wijksite
/// writes (see [`is_cache_entry`]), never anything else. Returns how many.
pub fn prune(set: &ImageSet) -> usize {
    let Some(dir) = set.cache_dir() else {
        return 0;
    };
    let used = set.cache_entries();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file
            && is_cache_entry(&name)
            && !used.contains(&name)
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_that_cannot_be_cleaned_are_named() {
        assert!(is_uncleanable_photo("fotos/IMG_0001.HEIC"));
        assert!(is_uncleanable_photo("scan.tif"));
        assert!(!is_uncleanable_photo("fotos/kraam.jpg"));
        assert!(!is_uncleanable_photo("verslagen/maart.pdf"));
    }

    #[test]
    fn only_our_own_cache_names_are_ever_pruned() {
        assert!(is_cache_entry("0123456789abcdef0123456789abcdef.webp"));
        assert!(!is_cache_entry("0123456789abcdef0123456789abcdef.txt"));
        assert!(!is_cache_entry("0123456789ABCDEF0123456789abcdef.jpg"));
        assert!(!is_cache_entry("foto.jpg"));
        assert!(!is_cache_entry(
            ".0123456789abcdef0123456789abcdef.jpg.1.tmp"
        ));
    }
}
