//! Guards the layout of `src/` (docs/architecture.md): every top-level
//! entry is a layer folder, a module imports only its own layer or layers
//! below it, and no import circle exists between modules, except a module
//! and its own parent. Test code (`#[cfg(test)]` items) is not counted.
//!
//! Modules declared only for tests (`#[cfg(test)] mod test_support;`) are
//! test code too. The checker reads the source text: comments and string literals are
//! blanked, `crate::…` paths (with `use crate::{a, b::c}` groups) and
//! `super::` paths are collected per file. Its own tests below prove it
//! catches an upward import and a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The layers, lowest first. A module may import its own layer and those
/// before it in this list.
const LAYERS: [&str; 8] = [
    "util", "formats", "content", "model", "theme", "sections", "build", "cmd",
];

/// Files at the top of `src/` that are not a layer.
const ROOT_FILES: [&str; 2] = ["lib.rs", "main.rs"];

#[test]
fn src_has_only_layer_folders() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut strays = Vec::new();
    let mut entries = 0;
    for entry in fs::read_dir(&src).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if ROOT_FILES.contains(&name.as_str()) {
            continue;
        }
        entries += 1;
        if !LAYERS.contains(&name.as_str()) {
            strays.push(name);
        }
    }
    assert!(
        strays.is_empty(),
        "src/ holds entries that are not a layer folder of {LAYERS:?}: {strays:?}"
    );
    assert!(
        entries <= 12,
        "src/ has {entries} entries besides lib.rs/main.rs"
    );
}

#[test]
fn every_module_imports_only_its_own_layer_or_lower_and_no_circles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = read_modules(&src);
    let problems = check(&modules);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// One module: its path (`build::render`), its file and the module paths
/// its non-test code names.
struct Module {
    file: String,
    uses: BTreeSet<Vec<String>>,
}

fn read_modules(src: &Path) -> BTreeMap<Vec<String>, Module> {
    let mut modules = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(src).unwrap();
                let text = fs::read_to_string(&path).unwrap();
                let name = module_path(rel);
                let uses = references(&name, &strip_tests(&blank(&text)));
                modules.insert(
                    name,
                    Module {
                        file: format!("src/{}", rel.to_string_lossy()),
                        uses,
                    },
                );
            }
        }
    }
    // A module declared only for tests (`#[cfg(test)] mod test_support;`)
    // is test code, with everything below it.
    let test_only: Vec<Vec<String>> = modules
        .iter()
        .flat_map(|(name, module)| {
            let text = fs::read_to_string(src.join(&module.file["src/".len()..])).unwrap();
            test_module_declarations(&blank(&text))
                .into_iter()
                .map(move |child| [name.clone(), vec![child]].concat())
        })
        .collect();
    modules.retain(|name, _| !test_only.iter().any(|t| name.starts_with(t)));
    modules
}

/// The names in `#[cfg(test)] mod name;` declarations (files of their own).
fn test_module_declarations(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        rest = &rest[at + "#[cfg(test)]".len()..];
        let declaration = rest.trim_start();
        let declaration = declaration
            .strip_prefix("pub(crate) ")
            .or_else(|| declaration.strip_prefix("pub "))
            .unwrap_or(declaration);
        if let Some(after) = declaration.strip_prefix("mod ") {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if after[name.len()..].trim_start().starts_with(';') {
                names.push(name);
            }
        }
    }
    names
}

/// `build/render.rs` → `[build, render]`; `build/mod.rs` → `[build]`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The problems of a set of modules, each naming its files.
fn check(modules: &BTreeMap<Vec<String>, Module>) -> Vec<String> {
    let mut problems = Vec::new();
    let layer_of = |path: &[String]| -> Option<usize> {
        path.first()
            .and_then(|l| LAYERS.iter().position(|x| x == l))
    };
    // Resolves a named path to the deepest module that exists.
    let resolve = |path: &[String]| -> Option<Vec<String>> {
        (1..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|p| modules.contains_key(p))
    };
    let mut edges: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (name, module) in modules {
        if name.is_empty() {
            continue; // lib.rs and main.rs declare the layers.
        }
        let own = layer_of(name);
        if own.is_none() {
            problems.push(format!("{} is not in a layer folder", module.file));
        }
        for used in &module.uses {
            if let (Some(own), Some(layer)) = (own, layer_of(used))
                && layer > own
            {
                problems.push(format!(
                    "{} (layer {}) imports crate::{} from the higher layer {}",
                    module.file,
                    LAYERS[own],
                    used.join("::"),
                    LAYERS[layer]
                ));
            }
            if let Some(target) = resolve(used)
                && &target != name
                && !name.starts_with(&target)
                && !target.starts_with(name)
            {
                edges.entry(name).or_default().insert(target);
            }
        }
    }
    for circle in circles(modules.keys().collect(), &edges) {
        let files: Vec<&str> = circle.iter().map(|m| modules[*m].file.as_str()).collect();
        problems.push(format!("import circle between {}", files.join(", ")));
    }
    problems
}

/// The strongly connected components with more than one module (Tarjan).
fn circles<'a>(
    nodes: Vec<&'a Vec<String>>,
    edges: &BTreeMap<&'a Vec<String>, BTreeSet<Vec<String>>>,
) -> Vec<Vec<&'a Vec<String>>> {
    struct State<'a> {
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on_stack: BTreeSet<&'a Vec<String>>,
        found: Vec<Vec<&'a Vec<String>>>,
    }
    fn visit<'a>(
        node: &'a Vec<String>,
        nodes: &[&'a Vec<String>],
        edges: &BTreeMap<&'a Vec<String>, BTreeSet<Vec<String>>>,
        s: &mut State<'a>,
    ) {
        let i = s.index.len();
        s.index.insert(node, i);
        s.low.insert(node, i);
        s.stack.push(node);
        s.on_stack.insert(node);
        for target in edges.get(node).into_iter().flatten() {
            let Some(&target) = nodes.iter().find(|n| **n == target) else {
                continue;
            };
            if !s.index.contains_key(target) {
                visit(target, nodes, edges, s);
                let low = s.low[node].min(s.low[target]);
                s.low.insert(node, low);
            } else if s.on_stack.contains(target) {
                let low = s.low[node].min(s.index[target]);
                s.low.insert(node, low);
            }
        }
        if s.low[node] == s.index[node] {
            let mut component = Vec::new();
            while let Some(top) = s.stack.pop() {
                s.on_stack.remove(top);
                component.push(top);
                if top == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in &nodes {
        if !state.index.contains_key(*node) {
            visit(node, &nodes, edges, &mut state);
        }
    }
    state.found
}

/// The text with comments, string and char literals replaced by spaces
/// (line breaks kept), so paths inside them are not counted.
fn blank(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let keep = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !is_ident(chars.get(i.wrapping_sub(1)))
        {
            // Raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            for &ch in &chars[i..j.min(chars.len())] {
                out.push(keep(ch));
            }
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(keep(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && char_literal_len(&chars[i..]).is_some() {
            let n = char_literal_len(&chars[i..]).unwrap_or(1);
            out.extend(std::iter::repeat_n(' ', n));
            i += n;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The length of a char literal at the start (`'a'`, `'\n'`, `'\''`);
/// `None` for a lifetime.
fn char_literal_len(chars: &[char]) -> Option<usize> {
    match chars.get(1)? {
        '\\' => {
            let end = chars.iter().skip(2).position(|&c| c == '\'')?;
            Some(end + 3)
        }
        _ if chars.get(2) == Some(&'\'') => Some(3),
        _ => None,
    }
}

/// The text without items marked `#[cfg(test)]` (the attribute, then the
/// item up to its closing brace or semicolon).
fn strip_tests(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The module paths named with `crate::` or `super::` in `text`, as
/// absolute paths; `use crate::{a, b::{c, d}}` gives `a`, `b::c`, `b::d`.
fn references(module: &[String], text: &str) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    let bytes = text.as_bytes();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent_of(module))] {
        let mut from = 0;
        while let Some(at) = text[from..].find(prefix) {
            let start = from + at;
            from = start + prefix.len();
            if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
                continue;
            }
            let mut base = base.clone();
            let mut pos = from;
            // `super::super::x`
            while prefix == "super::" && text[pos..].starts_with("super::") {
                base.pop();
                pos += "super::".len();
            }
            collect(&text[pos..], &base, &mut found);
        }
    }
    found
}

/// The parent of a module: for `a/b.rs` it is `a`; a folder's `mod.rs` is
/// the folder itself, whose parent is one up.
fn parent_of(module: &[String]) -> Vec<String> {
    module[..module.len().saturating_sub(1)].to_vec()
}

/// Reads one path (or brace group) at the start of `text` below `base`.
fn collect(text: &str, base: &[String], found: &mut BTreeSet<Vec<String>>) {
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        let mut depth = 0usize;
        let mut item_start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    collect(&group[item_start..i], base, found);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    collect(&group[item_start..i], base, found);
                    item_start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let mut path = base.to_vec();
    let mut rest = text;
    loop {
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        let ident = &rest[..len];
        if ident != "self" {
            path.push(ident.to_string());
        }
        rest = &rest[len..];
        if let Some(next) = rest.strip_prefix("::") {
            if next.trim_start().starts_with('{') {
                collect(next, &path, found);
                return;
            }
            rest = next;
        } else {
            break;
        }
    }
    if !path.is_empty() {
        found.insert(path);
    }
}

// The checker's own tests: it must catch what it guards against.

fn module(file: &str, name: &[&str], source: &str) -> (Vec<String>, Module) {
    let name: Vec<String> = name.iter().map(|s| s.to_string()).collect();
    let uses = references(&name, &strip_tests(&blank(source)));
    (
        name,
        Module {
            file: file.into(),
            uses,
        },
    )
}

#[test]
fn the_checker_catches_an_upward_import_naming_the_file() {
    let modules = BTreeMap::from([
        module("src/model/mod.rs", &["model"], "use crate::theme::Theme;"),
        module("src/theme/mod.rs", &["theme"], "pub struct Theme;"),
    ]);
    let problems = check(&modules);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("src/model/mod.rs") && problems[0].contains("theme"));
}

#[test]
fn the_checker_catches_a_circle_and_allows_parent_and_child() {
    let modules = BTreeMap::from([
        module(
            "src/model/mod.rs",
            &["model"],
            "pub mod a; pub mod b; use crate::model::a::X;",
        ),
        module(
            "src/model/a.rs",
            &["model", "a"],
            "use crate::model::{b::{Y}, Site};\nuse super::Z;",
        ),
        module(
            "src/model/b.rs",
            &["model", "b"],
            "fn f() { crate::model::a::X::new(); }",
        ),
    ]);
    let problems = check(&modules);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("src/model/a.rs, src/model/b.rs"),
        "{problems:?}"
    );
}

#[test]
fn test_only_module_files_are_found_by_their_declaration() {
    let text =
        "pub mod a;\n#[cfg(test)]\npub(crate) mod test_support;\n#[cfg(test)]\nmod tests {\n}\n";
    assert_eq!(test_module_declarations(text), ["test_support"]);
}

#[test]
fn the_checker_ignores_tests_comments_and_strings() {
    let source = r##"
        // use crate::cmd::cli;
        /* crate::cmd::x */
        const S: &str = "crate::cmd::y";
        const R: &str = r#"crate::cmd::z"#;
        fn lifetime<'a>(x: &'a str) -> char { 'c' }
        #[cfg(test)]
        mod tests { use crate::cmd::serve; }
        use crate::util::escape;
    "##;
    let (_, m) = module("src/model/a.rs", &["model", "a"], source);
    let uses: Vec<String> = m.uses.iter().map(|p| p.join("::")).collect();
    assert_eq!(uses, ["util::escape"]);
}
