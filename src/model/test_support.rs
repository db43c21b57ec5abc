//! The one fixture site for the crate's unit tests: one `site.yaml`
//! ([`SITE_YAML`]), its configuration at any address ([`config_at`]), an
//! empty [`Site::for_test`], and a site with meetings loaded the way a
//! build loads them ([`site_with_meetings`]). Test code only: it may use
//! the build layer (tests/architecture.rs does not count it).

use crate::build::pipeline::{self, BuildOptions};
use crate::content::config::SiteConfig;
use crate::model::Site;
use chrono::DateTime;

/// The fixture: two wijken, two venues (one with an accessibility note
/// left out), a contact with a name.
pub const SITE_YAML: &str = "title: Samen in Test\nshort_title: ST\ndescription: D\n\
    base_url: https://wijk.example/\n\
    wijken:\n  - {slug: noord, name: Noord, network: N, description: d}\n\
    \x20 - {slug: zuid, name: Zuid, network: Z, description: d}\n\
    venues:\n  - {slug: buurthuis, name: \"'t Buurthuis\", address: Dorpsstraat 1, postcode: 1234 AB, city: Testdorp, lat: 52.1, lon: 5.3}\n\
    \x20 - {slug: school, name: De School, address: Schoolpad 2, postcode: 1234 AC, city: Testdorp}\n\
    contact: {email: info@wijk.example, name: Bewonersteam}\n";

/// The fixture's configuration.
pub fn config() -> SiteConfig {
    config_at("https://wijk.example/")
}

/// The fixture's configuration with another `base_url` (a base path such
/// as `https://x.nl/sub/` tests links under a sub folder).
pub fn config_at(base_url: &str) -> SiteConfig {
    let yaml = SITE_YAML.replace("https://wijk.example/", base_url);
    SiteConfig::parse(&yaml, None).expect("the fixture site.yaml is valid")
}

impl Site {
    /// A site with `config` and nothing else, built at the Unix epoch.
    pub fn for_test(config: SiteConfig) -> Site {
        Site {
            config,
            home: None,
            pages: Vec::new(),
            wijken: Vec::new(),
            static_files: Vec::new(),
            agenda: crate::model::meetings::Agenda::default(),
            activities: Vec::new(),
            wijkplannen: Vec::new(),
            rounds: Vec::new(),
            funds: Vec::new(),
            editions: Vec::new(),
            reports: Vec::new(),
            points: Vec::new(),
            build_time: DateTime::UNIX_EPOCH,
        }
    }
}

/// The fixture with `meetings` (file stem, whole file text), loaded the
/// way a build loads it; `now` is the build time, `YYYY-MM-DD HH:MM` UTC.
pub fn site_with_meetings(meetings: &[(&str, &str)], now: &str) -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("bijeenkomsten")).expect("folder");
    std::fs::write(content.join("site.yaml"), SITE_YAML).expect("site.yaml");
    for (stem, text) in meetings {
        std::fs::write(content.join(format!("bijeenkomsten/{stem}.md")), text).expect("meeting");
    }
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        base_url: None,
        drafts: false,
    };
    let (mut site, _) =
        pipeline::load(&options).unwrap_or_else(|problems| panic!("{:?}", problems.into_sorted()));
    site.build_time = crate::content::dates::parse_local_datetime(now)
        .expect("a YYYY-MM-DD HH:MM time")
        .and_utc();
    site
}
