//! The photos that Markdown and front matter show: which file an image
//! URL means, whether it is a usable image, its size, and the `<picture>`
//! that shows it in a few widths.
//!
//! One [`ImageSet`] per build, shared by every document that renders
//! (through [`crate::content::config::SiteConfig::images`]): each photo is
//! read and measured once however many pages show it, and the set
//! remembers which document shows which photo, so the build makes the
//! resized files of published documents only (`build::images`).
//!
//! Where image files live: in content/static/ (written as a site path,
//! `/fotos/kraam.jpg`), or beside the document that shows them, written
//! relative to it (`oogstfeest/kraam.jpg` in content/pages/oogstfeest.md
//! is content/pages/oogstfeest/kraam.jpg). SVG files are shown as they are.

use crate::formats::image::{self as codec, Format, Info};
use crate::util::diagnostics::Diagnostic;
use crate::util::escape;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The widths made of every photo (narrower photos get their own width).
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// How wide a photo is shown: the text column (`.prose`, 42rem) or the
/// screen minus its margins on a phone. Keep in step with style.css.
pub const SIZES: &str = "(min-width: 44rem) 42rem, calc(100vw - 2rem)";

/// The folder of the resized photos on the site.
pub const OUTPUT_DIR: &str = "img";

/// Image files larger than this are refused before reading.
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;

/// File extensions of images beside pages (content/pages/…, wijken, …).
pub const EXTENSIONS: [&str; 5] = ["jpg", "jpeg", "png", "gif", "webp"];

/// Whether a file name is a photo wijksite resizes and cleans.
pub fn is_raster(name: &str) -> bool {
    Format::from_name(name).is_some()
}

/// One photo file, read and measured.
#[derive(Debug)]
pub struct Source {
    /// `content/pages/oogstfeest/kraam.jpg`.
    pub rel: String,
    pub abs: PathBuf,
    /// The xxh3 hash of the file's bytes: the cache key's first part.
    pub hash: u128,
    pub info: Info,
}

impl Source {
    /// The widths to make: those of [`WIDTHS`] below the photo's own width,
    /// and the photo's width itself when it is narrower than the widest.
    pub fn widths(&self) -> Vec<u32> {
        let own = self.info.width;
        let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < own).collect();
        let largest = own.min(WIDTHS[WIDTHS.len() - 1]);
        if widths.last() != Some(&largest) {
            widths.push(largest);
        }
        widths
    }

    /// What browsers without WebP get: PNG for a PNG, GIF or WebP (which
    /// may be transparent or drawn), JPEG for a photo.
    pub fn fallback(&self) -> Format {
        match self.info.format {
            Format::Jpeg => Format::Jpeg,
            _ => Format::Png,
        }
    }

    /// The output path of one width in one format:
    /// `img/kraam-1a2b3c4d5e6f-960.webp`. The hash in the name makes a
    /// changed photo a new address (no stale browser caches).
    pub fn variant_path(&self, width: u32, format: Format) -> String {
        let name = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let stem = crate::util::slug::slugify(stem);
        format!(
            "{OUTPUT_DIR}/{stem}-{:012x}-{width}.{}",
            self.hash >> 80,
            format.extension()
        )
    }

    /// The height of the photo at `width`.
    pub fn height_at(&self, width: u32) -> u32 {
        codec::scaled_height(self.info.width, self.info.height, width)
    }
}

/// Why an image URL cannot be shown, in Dutch, with what to do.
#[derive(Debug, Clone)]
struct Refusal {
    message: String,
    hint: String,
}

type Probe = Arc<OnceLock<Result<Arc<Source>, Refusal>>>;

/// The build's photos (see the module documentation).
pub struct ImageSet {
    /// Image files found under content/: site-relative path → absolute.
    files: BTreeMap<String, PathBuf>,
    probes: Mutex<HashMap<String, Probe>>,
    /// Document (`content/pages/x.md`) → the photos it shows, each with
    /// the first line that shows it (for errors found when decoding).
    uses: Mutex<BTreeMap<String, BTreeMap<String, Option<usize>>>>,
    /// Where made files are kept between builds (`build::images`).
    cache_dir: Option<PathBuf>,
    /// The cache files this build used or made.
    cache_entries: Mutex<BTreeSet<String>>,
    /// Files encoded in this build, and files taken from the cache.
    encoded: AtomicUsize,
    cached: AtomicUsize,
}

impl std::fmt::Debug for ImageSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ImageSet({} files)", self.files.len())
    }
}

/// The photos of the build, for one document.
#[derive(Debug, Clone, Copy)]
pub struct DocumentImages<'a> {
    pub set: &'a ImageSet,
    /// The document, relative to the site root: `content/pages/x.md`.
    pub document: &'a str,
}

/// A photo shown at the top of a page, also the picture of a shared link.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LeadImage {
    /// The `<picture>` element.
    pub html: String,
    /// The site path of the widest JPEG or PNG (for `og:image`).
    pub path: String,
    /// The same as an absolute URL (filled in by whoever knows the site).
    pub absolute_url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

impl ImageSet {
    /// A set over the image files among `files` (site-relative path →
    /// absolute path): content/static/ and beside documents.
    pub fn new(files: impl IntoIterator<Item = (String, PathBuf)>) -> ImageSet {
        ImageSet {
            files: files.into_iter().collect(),
            probes: Mutex::new(HashMap::new()),
            uses: Mutex::new(BTreeMap::new()),
            cache_dir: None,
            cache_entries: Mutex::new(BTreeSet::new()),
            encoded: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
        }
    }

    /// The set, keeping made files in `dir` between builds.
    pub fn with_cache(mut self, dir: PathBuf) -> ImageSet {
        self.cache_dir = Some(dir);
        self
    }

    pub fn cache_dir(&self) -> Option<&std::path::Path> {
        self.cache_dir.as_deref()
    }

    /// Notes that this build uses the cache file `name`.
    pub fn note_cache_entry(&self, name: &str) {
        self.cache_entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(name.to_string());
    }

    /// The cache files this build used or made.
    pub fn cache_entries(&self) -> BTreeSet<String> {
        self.cache_entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Counts one file made: encoded now (`true`) or taken from the cache.
    pub fn count(&self, encoded: bool) {
        let counter = if encoded { &self.encoded } else { &self.cached };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Files encoded and files taken from the cache so far.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.encoded.load(Ordering::Relaxed),
            self.cached.load(Ordering::Relaxed),
        )
    }

    /// The documents that show the photo `rel`, in path order, each with
    /// the first line that shows it when known.
    pub fn documents_showing(&self, rel: &str) -> Vec<(String, Option<usize>)> {
        self.uses
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter_map(|(document, rels)| Some((document.clone(), *rels.get(rel)?)))
            .collect()
    }

    /// The `<picture>` for `![alt](url "title")` in `document` at `line`,
    /// or `None` for a URL that is not a photo of this site (another site,
    /// an SVG). `eager` for the first photo of a page (on the first
    /// screen); the others load when scrolled to.
    pub fn picture(
        &self,
        document: &str,
        url: &str,
        alt: &str,
        base_path: &str,
        eager: bool,
        line: usize,
    ) -> Option<Result<String, Diagnostic>> {
        let source = match self.source(document, url)? {
            Ok(source) => source,
            Err(refusal) => return Some(Err(refusal.at(document, line))),
        };
        self.note_use(document, &source.rel, Some(line));
        Some(Ok(picture_html(&source, alt, base_path, eager)))
    }

    /// The lead image of `document` from its front matter (`image:` at
    /// `line`), with its alt text.
    pub fn lead(
        &self,
        document: &str,
        url: &str,
        alt: &str,
        base_path: &str,
        line: Option<usize>,
    ) -> Result<LeadImage, Diagnostic> {
        let refuse = |r: Refusal| {
            Diagnostic::error(document, r.message)
                .at_opt(line)
                .hint(r.hint)
        };
        let source = match self.source(document, url) {
            None => {
                return Err(refuse(Refusal {
                    message: format!("`image: {url}` is geen foto van deze site"),
                    hint: "zet de foto (JPEG, PNG, GIF of WebP) naast de pagina of in content/static/ en schrijf de naam achter `image:`".into(),
                }));
            }
            Some(found) => found.map_err(refuse)?,
        };
        self.note_use(document, &source.rel, line);
        let widths = source.widths();
        let widest = widths[widths.len() - 1];
        Ok(LeadImage {
            html: picture_html(&source, alt, base_path, true),
            path: format!("/{}", source.variant_path(widest, source.fallback())),
            absolute_url: String::new(),
            width: widest,
            height: source.height_at(widest),
            alt: alt.to_string(),
        })
    }

    /// The photo an image URL of `document` means; `None` when it is not
    /// a photo of this site.
    fn source(&self, document: &str, url: &str) -> Option<Result<Arc<Source>, Refusal>> {
        if url.contains(':') || url.starts_with("//") || url.starts_with('#') || url.is_empty() {
            return None;
        }
        let path = url.split(['?', '#']).next().unwrap_or(url);
        let path = escape::percent_decode(path).unwrap_or_else(|| path.to_string());
        let rel = match resolve(document, &path) {
            Some(rel) => rel,
            None => {
                return Some(Err(Refusal {
                    message: format!("de afbeelding `{url}` ligt buiten de map content/"),
                    hint: "zet de foto naast de pagina of in content/static/".into(),
                }));
            }
        };
        let lower = rel.to_ascii_lowercase();
        if lower.ends_with(".svg") {
            return None;
        }
        let Some(abs) = self.files.get(&rel) else {
            return Some(Err(self.missing(url, &rel)));
        };
        if !is_raster(&rel) {
            return Some(Err(Refusal {
                message: format!("`{url}` is geen foto die wijksite kan tonen"),
                hint: "gebruik een JPEG-, PNG-, GIF- of WebP-bestand. Een foto van een iPhone (HEIC) kunt u op de telefoon als JPEG bewaren of delen".into(),
            }));
        }
        let probe = {
            let mut probes = self.probes.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(probes.entry(rel.clone()).or_default())
        };
        let result = probe.get_or_init(|| read_source(&rel, abs).map(Arc::new));
        Some(result.clone())
    }

    fn missing(&self, url: &str, rel: &str) -> Refusal {
        let folder = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        let nearby: Vec<&str> = self
            .files
            .keys()
            .filter(|k| k.rsplit_once('/').map_or("", |(dir, _)| dir) == folder)
            .map(|k| k.rsplit('/').next().unwrap_or(k))
            .collect();
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let hint = match crate::util::suggest::closest(name, &nearby) {
            Some(best) => {
                format!("bedoelt u `{best}`? Controleer de naam (ook hoofdletters) en de map")
            }
            None => format!(
                "zet het bestand in {folder}/, of schrijf een foto uit content/static/ als /map/naam.jpg"
            ),
        };
        Refusal {
            message: format!("de afbeelding `{url}` bestaat niet (gezocht: {rel})"),
            hint,
        }
    }

    fn note_use(&self, document: &str, rel: &str, line: Option<usize>) {
        let mut uses = self.uses.lock().unwrap_or_else(|e| e.into_inner());
        let first = uses
            .entry(document.to_string())
            .or_default()
            .entry(rel.to_string())
            .or_insert(line);
        // Pages render in parallel, lead image and body in either order:
        // keep the smallest line, so the error names the same line each build.
        *first = match (*first, line) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// The photos shown by the documents `published` accepts, each once,
    /// in path order.
    pub fn used_by(&self, published: &dyn Fn(&str) -> bool) -> Vec<Arc<Source>> {
        let uses = self.uses.lock().unwrap_or_else(|e| e.into_inner());
        let rels: BTreeSet<&String> = uses
            .iter()
            .filter(|(document, _)| published(document))
            .flat_map(|(_, rels)| rels.keys())
            .collect();
        let probes = self.probes.lock().unwrap_or_else(|e| e.into_inner());
        rels.into_iter()
            .filter_map(|rel| probes.get(rel)?.get()?.as_ref().ok().cloned())
            .collect()
    }

    /// Reads and measures a file of the set that no document needs to
    /// show (a photo in content/static/), for cleaning; the error is in
    /// Dutch.
    pub fn static_source(&self, rel: &str) -> Option<Result<Arc<Source>, Diagnostic>> {
        let abs = self.files.get(rel)?;
        let probe = {
            let mut probes = self.probes.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(probes.entry(rel.to_string()).or_default())
        };
        let result = probe.get_or_init(|| read_source(rel, abs).map(Arc::new));
        Some(
            result
                .clone()
                .map_err(|r| Diagnostic::error(rel, r.message).hint(r.hint)),
        )
    }
}

impl Refusal {
    fn at(self, document: &str, line: usize) -> Diagnostic {
        Diagnostic::error(document, self.message)
            .at_line(line)
            .hint(self.hint)
    }
}

/// Reads, hashes and measures one photo.
fn read_source(rel: &str, abs: &std::path::Path) -> Result<Source, Refusal> {
    let unreadable = |e: std::io::Error| Refusal {
        message: format!(
            "kan de afbeelding {rel} niet lezen: {}",
            crate::util::diagnostics::io_reason(&e)
        ),
        hint: "controleer of het bestand bestaat en leesbaar is".into(),
    };
    let len = std::fs::metadata(abs).map_err(unreadable)?.len();
    if len > MAX_IMAGE_BYTES {
        return Err(Refusal {
            message: format!(
                "de afbeelding {rel} is te groot ({} MB; de grens is {} MB)",
                len / 1_048_576,
                MAX_IMAGE_BYTES / 1_048_576
            ),
            hint: "maak de foto kleiner, bijvoorbeeld 4000 pixels breed".into(),
        });
    }
    let bytes = std::fs::read(abs).map_err(unreadable)?;
    let info = codec::probe(&bytes).map_err(|p| refusal_of(rel, &p))?;
    Ok(Source {
        rel: rel.to_string(),
        abs: abs.to_path_buf(),
        hash: xxhash_rust::xxh3::xxh3_128(&bytes),
        info,
    })
}

/// A decoder's problem with `rel`, in Dutch.
pub fn problem_message(rel: &str, problem: &codec::Problem) -> (String, String) {
    match problem {
        codec::Problem::Unsupported => (
            format!("{rel} is geen JPEG-, PNG-, GIF- of WebP-afbeelding"),
            "bewaar de foto als JPEG (.jpg) en zet die in de plaats van dit bestand. Een foto van een iPhone (HEIC) kunt u op de telefoon als JPEG bewaren of delen".into(),
        ),
        codec::Problem::TooLarge { width, height } if *width > 0 => (
            format!(
                "de afbeelding {rel} is te groot: {width} × {height} pixels (de grens is {} miljoen pixels, hoogstens {} pixels per kant)",
                codec::MAX_PIXELS / 1_000_000,
                codec::MAX_SIDE
            ),
            "maak de foto kleiner, bijvoorbeeld 4000 pixels breed".into(),
        ),
        codec::Problem::TooLarge { .. } => (
            format!("de afbeelding {rel} vraagt te veel geheugen om te lezen"),
            "maak de foto kleiner, bijvoorbeeld 4000 pixels breed".into(),
        ),
        codec::Problem::Broken(why) => (
            format!("de afbeelding {rel} is beschadigd of niet helemaal opgeslagen ({why})"),
            "zet de foto opnieuw op de site, vanaf het origineel".into(),
        ),
    }
}

fn refusal_of(rel: &str, problem: &codec::Problem) -> Refusal {
    let (message, hint) = problem_message(rel, problem);
    Refusal { message, hint }
}

/// The content path an image URL of `document` means: a site path is in
/// content/static/, a relative one beside the document. `None` when `..`
/// leads out of content/.
fn resolve(document: &str, path: &str) -> Option<String> {
    let (base, rest) = match path.strip_prefix('/') {
        Some(rest) => ("content/static".to_string(), rest),
        None => (
            document
                .rsplit_once('/')
                .map_or("content", |(dir, _)| dir)
                .to_string(),
            path,
        ),
    };
    let mut parts: Vec<&str> = base.split('/').collect();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
                if parts.is_empty() {
                    return None;
                }
            }
            part => parts.push(part),
        }
    }
    (parts.first() == Some(&"content") && parts.len() > 1).then(|| parts.join("/"))
}

/// `<picture>` with a WebP source and a JPEG or PNG fallback, each in
/// every width, with the size of the widest (no layout shift).
fn picture_html(source: &Source, alt: &str, base_path: &str, eager: bool) -> String {
    let base = base_path.trim_end_matches('/');
    let widths = source.widths();
    let srcset = |format: Format| -> String {
        widths
            .iter()
            .map(|&w| format!("{base}/{} {w}w", source.variant_path(w, format)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let widest = widths[widths.len() - 1];
    // The middle width is the default: a phone-sized screen at 2×.
    let default = widths[widths.len().saturating_sub(2).min(1)];
    let fallback = source.fallback();
    let loading = if eager { "" } else { " loading=\"lazy\"" };
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{SIZES}\"><img src=\"{base}/{src}\" srcset=\"{plain}\" sizes=\"{SIZES}\" width=\"{widest}\" height=\"{height}\" alt=\"{alt}\"{loading} decoding=\"async\"></picture>",
        webp = srcset(Format::Webp),
        src = source.variant_path(default, fallback),
        plain = srcset(fallback),
        height = source.height_at(widest),
        alt = escape::html(alt),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_resolve_beside_the_document_or_in_static() {
        let page = "content/pages/oogstfeest.md";
        assert_eq!(
            resolve(page, "oogstfeest/kraam.jpg").as_deref(),
            Some("content/pages/oogstfeest/kraam.jpg")
        );
        assert_eq!(
            resolve(page, "/fotos/a.jpg").as_deref(),
            Some("content/static/fotos/a.jpg")
        );
        assert_eq!(
            resolve(page, "../static/a.jpg").as_deref(),
            Some("content/static/a.jpg")
        );
        assert_eq!(resolve(page, "../../../etc/passwd"), None);
    }

    fn source(width: u32, height: u32) -> Source {
        Source {
            rel: "content/pages/feest/Kraam 1.JPG".into(),
            abs: PathBuf::new(),
            hash: 0xabcdef << 80,
            info: Info {
                format: Format::Jpeg,
                width,
                height,
            },
        }
    }

    #[test]
    fn widths_are_never_upscaled() {
        assert_eq!(source(4000, 3000).widths(), [480, 960, 1600]);
        assert_eq!(source(1200, 900).widths(), [480, 960, 1200]);
        assert_eq!(source(960, 10).widths(), [480, 960]);
        assert_eq!(source(300, 200).widths(), [300]);
    }

    #[test]
    fn the_picture_has_sizes_dimensions_and_lazy_loading() {
        let html = picture_html(&source(4000, 3000), "Kraam \"A\"", "/sub/", false);
        assert!(
            html.contains("srcset=\"/sub/img/kraam-1-000000abcdef-480.webp 480w, "),
            "{html}"
        );
        assert!(html.contains("width=\"1600\" height=\"1200\""), "{html}");
        assert!(
            html.contains("src=\"/sub/img/kraam-1-000000abcdef-960.jpg\""),
            "{html}"
        );
        assert!(
            html.contains("alt=\"Kraam &quot;A&quot;\" loading=\"lazy\""),
            "{html}"
        );
        let eager = picture_html(&source(300, 200), "", "/", true);
        assert!(!eager.contains("lazy"), "{eager}");
        assert!(
            eager.contains("src=\"/img/kraam-1-000000abcdef-300.jpg\""),
            "{eager}"
        );
    }
}
