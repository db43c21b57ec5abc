//! The default theme `wijk`, built into the binary: the bytes of the
//! repository's `themes/wijk/` folder at compile time (one source, no
//! copy). A site without `themes/wijk/` builds with it; `wijksite theme
//! export` writes these same bytes out, so a group can change them.

use include_dir::{Dir, include_dir};

/// The name of the built-in theme (`theme: wijk` in site.yaml).
pub const NAME: &str = "wijk";

/// `themes/wijk/` as it was when this binary was compiled. The build
/// script tells cargo to recompile when a file is added there.
static WIJK: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/wijk");

/// Every file of the built-in theme as (path relative to the theme folder
/// with `/`, bytes), sorted by path. Hidden files (`.name`) are left out,
/// as the theme loader leaves them out of a theme folder.
pub fn files() -> Vec<(String, &'static [u8])> {
    let mut files = Vec::new();
    collect(&WIJK, &mut files);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// The files of the built-in theme under `folder` (`templates`, `static`),
/// as (path relative to that folder, bytes), sorted.
pub fn files_under(folder: &str) -> Vec<(String, &'static [u8])> {
    let prefix = format!("{folder}/");
    files()
        .into_iter()
        .filter_map(|(path, bytes)| Some((path.strip_prefix(&prefix)?.to_string(), bytes)))
        .collect()
}

/// One file of the built-in theme, by its path in the theme folder.
pub fn file(path: &str) -> Option<&'static [u8]> {
    files()
        .into_iter()
        .find(|(p, _)| p == path)
        .map(|(_, bytes)| bytes)
}

fn collect(dir: &'static Dir<'static>, files: &mut Vec<(String, &'static [u8])>) {
    for entry in dir.entries() {
        let path = entry.path();
        let hidden = path
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if let Some(sub) = entry.as_dir() {
            collect(sub, files);
        } else if let Some(file) = entry.as_file() {
            let rel = path
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((rel, file.contents()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded theme is the repository's folder, byte for byte:
    /// every file there is embedded and nothing else.
    #[test]
    fn the_built_in_theme_is_the_theme_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/wijk");
        let mut on_disk = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.unwrap();
            let hidden = entry
                .path()
                .strip_prefix(&dir)
                .unwrap()
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            if entry.file_type().is_file() && !hidden {
                let rel = entry.path().strip_prefix(&dir).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                on_disk.push((rel, std::fs::read(entry.path()).unwrap()));
            }
        }
        on_disk.sort();
        let embedded: Vec<(String, Vec<u8>)> = files()
            .into_iter()
            .map(|(path, bytes)| (path, bytes.to_vec()))
            .collect();
        assert_eq!(
            embedded.iter().map(|f| &f.0).collect::<Vec<_>>(),
            on_disk.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
        assert!(embedded == on_disk, "a file's bytes differ");
        assert!(file("strings.yaml").is_some());
        assert!(
            files_under("templates")
                .iter()
                .any(|(p, _)| p == "base.html")
        );
        assert!(files_under("static").iter().any(|(p, _)| p == "style.css"));
    }
}
