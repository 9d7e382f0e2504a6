//! Web pages in (issue 14, point 2), through the built binary:
//!
//! - the project's own test articles (`tests/corpus`, `tests/heldout`),
//!   each wrapped in markup that imitates a news site (cookie banner, menu,
//!   share bar, related links, footer, scripts, JSON-LD, styles, comments,
//!   character references, inline tags), give the same graph as the texts:
//!   the same nodes, relations, evidence sentences and document ids;
//! - every evidence offset slices its sentence out of the `.html` file:
//!   the file's bytes from `start` to `end`, with tags removed, character
//!   references decoded and whitespace runs made one space, are the text;
//! - the title, date and canonical URL come from the page's metadata;
//! - a page named on the command line gives no markup and no `<script>`
//!   as title; broken, empty, non-article and windows-1252 pages are read
//!   or skipped with a warning naming the file, never a panic, and
//!   `--strict` makes a skipped page an error;
//! - a JSON Lines `html` field is read as a page is.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn ergraph(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ergraph"))
        .args(args)
        .output()
        .expect("run ergraph");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `ergraph INPUT -o OUT -f json EXTRA...`.
fn to_json(input: &Path, out: &Path, extra: &[&str]) -> (bool, String) {
    let mut args = vec![
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-f",
        "json",
    ];
    args.extend_from_slice(extra);
    ergraph(&args)
}

/// Escapes text for HTML, spelling characters the ways pages do.
fn escape(s: &str, n: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' if n.is_multiple_of(2) => out.push_str("&#39;"),
            '"' if n.is_multiple_of(3) => out.push_str("&quot;"),
            '\u{2019}' => out.push_str("&#8217;"),
            '\u{201c}' if n % 2 == 1 => out.push_str("&ldquo;"),
            // Now and then a space is a no-break space or a line break.
            ' ' if i % 37 == 5 => out.push_str("&nbsp;"),
            ' ' if i % 41 == 7 => out.push_str("\n   "),
            c => out.push(c),
        }
    }
    out
}

/// A news page around a text article: its headline in `<h1>` and
/// `<title>`, its `date` line as metadata, each paragraph a `<p>` (some
/// with inline tags), and the furniture of a news site around it.
fn page_of(stem: &str, text: &str) -> String {
    let meta = ergraph::corpus::meta::read_meta(text);
    let body = &text[meta.body_start..];
    let title = meta.title.clone();
    let mut h =
        String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let shown_title = title.clone().unwrap_or_else(|| "World news".to_string());
    h.push_str(&format!(
        "<title>{} | The Daily Example</title>\n<meta property=\"og:title\" content=\"{}\">\n",
        escape(&shown_title, 1),
        escape(&shown_title, 0).replace('"', "&quot;")
    ));
    h.push_str(&format!(
        "<link rel=\"canonical\" href=\"https://news.example.org/world/{stem}\">\n"
    ));
    if let Some(d) = &meta.date {
        h.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{d}T09:30:00+00:00\">\n\
             <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"WebSite\",\"name\":\"The Daily Example\"}},{{\"@type\":\"NewsArticle\",\"headline\":\"x\",\"datePublished\":\"{d}T09:30:00Z\"}}]}}</script>\n"
        ));
    }
    h.push_str(
        "<style>body { font-family: serif } .share a::after { content: '<p>'; }</style>\n\
         <script>window.dataLayer = []; document.write('<p>Kim Jong Un met Vladimir Putin.</p>');</script>\n\
         </head>\n<body>\n\
         <div id=\"cookie-banner\" class=\"cookie-consent\"><p>We use cookies to give you the best experience. By continuing you accept our cookie policy.</p><button>Accept all</button></div>\n\
         <header class=\"site-header\"><a class=\"logo\" href=\"/\">The Daily Example</a>\n\
         <nav class=\"main-menu\"><ul><li><a href=\"/world\">World</a></li><li><a href=\"/politics\">Politics</a></li><li><a href=\"/business\">Business</a></li><li><a href=\"/opinion\">Opinion</a></li></ul></nav></header>\n\
         <!-- article starts: <p>not text</p> -->\n\
         <main><article class=\"story\">\n",
    );
    let mut n = 0;
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if Some(line) == title.as_deref() {
            h.push_str(&format!(
                "<h1 class=\"headline\">{}</h1>\n",
                escape(line, n)
            ));
            h.push_str(
                "<div class=\"share-bar social\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a> <a href=\"#\">Email</a></div>\n",
            );
            if let Some(d) = &meta.date {
                h.push_str(&format!(
                    "<p class=\"dateline\"><time datetime=\"{d}\">{d}</time></p>\n"
                ));
            }
            continue;
        }
        n += 1;
        let mut p = escape(line, n);
        // Inline tags inside some paragraphs: around the first word, or
        // around a whole quoted stretch.
        if n % 3 == 0
            && let Some(sp) = p.find(' ')
        {
            p = format!("<strong>{}</strong>{}", &p[..sp], &p[sp..]);
        }
        if n % 4 == 1 {
            p = format!("<span class=\"lead\">{p}</span>");
        }
        h.push_str(&format!("<p>{p}</p>\n"));
        if n == 2 {
            h.push_str(
                "<aside class=\"related-links\"><h3>Read more</h3><ul><li><a href=\"/a\">Putin visits Beijing for summit talks</a></li><li><a href=\"/b\">Seoul says Pyongyang tested a missile</a></li></ul></aside>\n",
            );
        }
    }
    h.push_str(
        "</article>\n\
         <section class=\"related\"><h2>Related stories</h2><ul>\
         <li><a href=\"/c\">Kim Jong Un met Vladimir Putin in Vladivostok</a></li>\
         <li><a href=\"/d\">Russia sent troops to Belarus, officials said</a></li></ul></section>\n\
         </main>\n\
         <footer class=\"site-footer\"><p>&copy; 2025 The Daily Example. All rights reserved.</p><ul><li><a href=\"/privacy\">Privacy</a></li><li><a href=\"/terms\">Terms</a></li></ul></footer>\n\
         <script>/* analytics */ var t = \"</p>\";</script>\n</body>\n</html>\n",
    );
    h
}

/// The project's own test articles (never dev-set text).
fn articles() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["tests/corpus", "tests/heldout"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for e in std::fs::read_dir(&dir).expect("test articles") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|e| e == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// The graph's nodes and links with evidence offsets taken out, and its
/// documents as (id, date).
fn comparable(graph: &Value) -> (Vec<Value>, Vec<Value>, Vec<(String, String)>) {
    let strip = |items: &Value| -> Vec<Value> {
        let mut items = items.as_array().expect("array").clone();
        for item in &mut items {
            if let Some(ev) = item.get_mut("evidence").and_then(Value::as_array_mut) {
                for e in ev {
                    let e = e.as_object_mut().expect("evidence object");
                    e.remove("start");
                    e.remove("end");
                }
            }
        }
        items
    };
    let docs = graph["graph"]["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| (d["id"].to_string(), d["date"].to_string()))
        .collect();
    (strip(&graph["nodes"]), strip(&graph["links"]), docs)
}

/// Tags removed, the character references these pages use decoded,
/// whitespace runs one space: an oracle written apart from the reader.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#8217;", "\u{2019}")
        .replace("&ldquo;", "\u{201c}")
        .replace("&#x201C;", "\u{201c}")
        .replace("&eacute;", "\u{e9}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_graph(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("graph.json")).expect("graph.json"))
        .expect("json")
}

#[test]
fn an_html_corpus_gives_the_same_graph_as_the_same_articles_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let (texts, pages) = (tmp.path().join("texts"), tmp.path().join("pages"));
    std::fs::create_dir_all(&texts).unwrap();
    std::fs::create_dir_all(&pages).unwrap();
    let mut dates = BTreeMap::new();
    for f in articles() {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&f).unwrap();
        dates.insert(stem.clone(), ergraph::corpus::meta::read_meta(&text).date);
        std::fs::copy(&f, texts.join(format!("{stem}.txt"))).unwrap();
        // Both extensions, any case, are pages.
        let ext = ["html", "htm", "HTML"][dates.len() % 3];
        std::fs::write(pages.join(format!("{stem}.{ext}")), page_of(&stem, &text)).unwrap();
    }
    assert!(dates.len() >= 20, "{} articles", dates.len());
    let (t_out, h_out) = (tmp.path().join("t"), tmp.path().join("h"));
    for (input, out) in [(&texts, &t_out), (&pages, &h_out)] {
        let (ok, stderr) = to_json(input, out, &["-q"]);
        assert!(ok, "{stderr}");
    }
    let (tg, hg) = (read_graph(&t_out), read_graph(&h_out));
    let (tn, tl, td) = comparable(&tg);
    let (hn, hl, hd) = comparable(&hg);
    assert_eq!(td, hd, "document ids and dates");
    assert!(tn.len() > 100 && tl.len() > 100, "{} nodes", tn.len());
    for (t, h) in tn.iter().zip(&hn) {
        assert_eq!(t, h, "node");
    }
    assert_eq!(tn.len(), hn.len(), "nodes");
    for (t, h) in tl.iter().zip(&hl) {
        assert_eq!(t, h, "link");
    }
    assert_eq!(tl.len(), hl.len(), "links");
    // Metadata from the page: title, date and canonical URL.
    for d in hg["graph"]["documents"].as_array().unwrap() {
        let id = d["id"].as_str().unwrap();
        assert_eq!(
            d["url"].as_str(),
            Some(format!("https://news.example.org/world/{id}").as_str())
        );
        assert_eq!(d["date"].as_str(), dates[id].as_deref(), "{id}");
        let title = d["title"].as_str().unwrap();
        assert!(
            !title.contains('<') && !title.contains("Daily Example"),
            "{title}"
        );
    }
    // Every evidence offset slices its sentence out of the page.
    let mut checked = 0;
    let files: BTreeMap<String, Vec<u8>> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    for item in hg["links"]
        .as_array()
        .unwrap()
        .iter()
        .chain(hg["nodes"].as_array().unwrap())
    {
        for e in item["evidence"].as_array().into_iter().flatten() {
            let bytes = &files[e["document"].as_str().unwrap()];
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            let slice = std::str::from_utf8(&bytes[s..t]).expect("a span of whole characters");
            let text = e["text"].as_str().unwrap();
            assert_eq!(visible(slice), text, "bytes {s}..{t} of {}", e["document"]);
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} evidence sentences");
}

const STORY: &str = "<p>North Korean leader Kim Jong Un met Russian President Vladimir Putin in Vladivostok on Tuesday, the Kremlin said in a statement after the talks.</p>\n\
<p>The two leaders discussed military cooperation and trade for several hours, and the delegation later toured a shipyard near the city.</p>\n\
<p>Russian Defence Minister Andrei Belousov also met Kim Jong Un later that day, according to reports by the state news agency.</p>\n";

fn one_page(dir: &Path, name: &str, bytes: &[u8]) -> (bool, String, Value) {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    let out = dir.join(format!("out-{name}"));
    let (ok, stderr) = to_json(&p, &out, &[]);
    let graph = std::fs::read_to_string(out.join("graph.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null);
    (ok, stderr, graph)
}

#[test]
fn a_page_named_on_the_command_line_gives_no_markup_and_no_script_title() {
    let tmp = tempfile::tempdir().unwrap();
    let page = format!(
        "<html><head><script>var title = 'x';</script><title>Kim and Putin meet &amp; talk - The Daily Example</title></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav><div class=\"content\">{STORY}</div></body></html>"
    );
    let (ok, stderr, g) = one_page(tmp.path(), "story.htm", page.as_bytes());
    assert!(ok, "{stderr}");
    let doc = &g["graph"]["documents"][0];
    assert_eq!(doc["id"], "story");
    let title = doc["title"].as_str().expect("a title");
    assert!(!title.contains('<') && !title.contains("var "), "{title}");
    assert!(title.starts_with("Kim and Putin meet & talk"), "{title}");
    let all = g.to_string();
    assert!(
        !all.contains("<script") && !all.contains("<p>") && !all.contains("href"),
        "{all}"
    );
    let met = g["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["relation"] == "met")
        .count();
    assert!(met >= 2, "{all}");
}

#[test]
fn broken_empty_and_non_article_pages_warn_naming_the_file_and_strict_stops() {
    let tmp = tempfile::tempdir().unwrap();
    // Unclosed and mis-nested tags, stray end tags, an unquoted
    // attribute, no </body>, a comment never closed: still read.
    let broken = format!(
        "<html><body><div><p>Intro<div class=x><b>bold</i></span></td>{}<p>Last<!-- never closed",
        STORY.replace("</p>", "")
    );
    let (ok, stderr, g) = one_page(tmp.path(), "broken.html", broken.as_bytes());
    assert!(ok, "{stderr}");
    assert!(
        g["links"].as_array().is_some_and(|l| !l.is_empty()),
        "{stderr}"
    );
    for (name, bytes) in [
        ("empty.html", &b""[..]),
        ("blank.html", b"<html><head><title>Nothing</title></head><body>  </body></html>"),
        ("menu.html", b"<html><body><nav><ul><li><a href=\"/\">Home</a></li></ul></nav><script>var a = 1;</script></body></html>"),
        ("binary.html", b"\x00\x01\x02<html>"),
    ] {
        let (ok, stderr, _) = one_page(tmp.path(), name, bytes);
        assert!(!ok, "{name}: nothing to read is a failed run");
        assert!(stderr.contains(name) && stderr.contains("skipped"), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // Among readable pages a skipped one is a warning, and with --strict an error.
    let dir = tmp.path().join("mixed");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.html"),
        format!("<html><body>{STORY}</body></html>"),
    )
    .unwrap();
    std::fs::write(
        dir.join("b.html"),
        "<html><body><nav>Home</nav></body></html>",
    )
    .unwrap();
    let out = tmp.path().join("mixed-out");
    let (ok, stderr) = ergraph(&[dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(ok && stderr.contains("b.html"), "{stderr}");
    let (ok, stderr) = ergraph(&[
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--strict",
    ]);
    assert!(!ok && stderr.contains("b.html"), "{stderr}");
}

#[test]
fn a_windows_1252_page_is_decoded_and_its_offsets_are_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><article>".to_vec();
    page.extend(b"<p>North Korean leader Kim Jong Un met Russian President Vladimir Putin at the caf\xe9 in Vladivostok on Tuesday, the Kremlin said in a statement.</p>");
    page.extend(b"<p>The two leaders discussed \x93military cooperation\x94 and trade for several hours, and the delegation later toured a shipyard.</p>");
    page.extend(b"<p>Russian Defence Minister Andrei Belousov also met Kim Jong Un later that day, according to reports by the state news agency.</p></article></body></html>");
    let (ok, stderr, g) = one_page(tmp.path(), "cp.html", &page);
    assert!(ok, "{stderr}");
    assert!(!stderr.contains("UTF-8"), "{stderr}");
    let mut seen = 0;
    for l in g["links"].as_array().unwrap() {
        for e in l["evidence"].as_array().unwrap() {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(&page[s..t]);
            assert_eq!(visible(&decoded), e["text"].as_str().unwrap());
            seen += usize::from(e["text"].as_str().unwrap().contains("caf\u{e9}"));
        }
    }
    assert!(seen > 0, "{g}");
}

#[test]
fn a_json_lines_html_field_is_read_as_a_page() {
    let tmp = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><head><title>Leaders meet in Vladivostok</title><link rel=\"canonical\" href=\"https://e.example/1\">\
         <meta property=\"article:published_time\" content=\"2025-13-01\"></head><body><header><a href=\"/\">Home</a></header><article>{STORY}</article></body></html>"
    );
    let lines = [
        serde_json::json!({"id": "p1", "html": html}).to_string(),
        serde_json::json!({"id": "p2", "html": "<html><body><nav>Home</nav></body></html>"})
            .to_string(),
        serde_json::json!({"id": "p3"}).to_string(),
    ];
    let jl = tmp.path().join("pages.jsonl");
    std::fs::write(&jl, lines.join("\n")).unwrap();
    let out = tmp.path().join("out");
    let (ok, stderr) = ergraph(&[
        "--jsonl",
        jl.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-f",
        "json",
    ]);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("pages.jsonl:1") && stderr.contains("article:published_time"),
        "{stderr}"
    );
    assert!(
        stderr.contains("pages.jsonl:2") && stderr.contains("pages.jsonl:3"),
        "{stderr}"
    );
    let g = read_graph(&out);
    let doc = &g["graph"]["documents"][0];
    assert_eq!(
        (doc["id"].as_str(), doc["url"].as_str()),
        (Some("p1"), Some("https://e.example/1"))
    );
    assert_eq!(doc["date"], Value::Null);
    // Offsets are in the record's html.
    for l in g["links"].as_array().unwrap() {
        for e in l["evidence"].as_array().unwrap() {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(visible(&html[s..t]), e["text"].as_str().unwrap());
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Paragraphs of words with references and inline tags, in news
        /// markup: each line of the text is its page bytes, made visible.
        #[test]
        fn each_line_maps_back_to_the_bytes_it_came_from(
            paras in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::prop_oneof![
                        proptest::strategy::Just("Kim".to_string()),
                        proptest::strategy::Just("Putin&#8217;s".to_string()),
                        proptest::strategy::Just("caf&eacute;".to_string()),
                        proptest::strategy::Just("<b>met</b>".to_string()),
                        proptest::strategy::Just("&#x201C;talks".to_string()),
                        proptest::strategy::Just("A&amp;B".to_string()),
                        proptest::strategy::Just("<a href=\"/x\">Moscow</a>".to_string()),
                        "[a-z]{1,9}",
                    ],
                    12..30,
                ),
                1..5,
            ),
            gaps in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(" "),
                    proptest::strategy::Just("\n  "),
                    proptest::strategy::Just("&nbsp;"),
                    proptest::strategy::Just(" <!-- c --> "),
                ],
                30,
            ),
        ) {
            let mut html = String::from(
                "<html><head><title>T</title><style>p{}</style></head><body>\
                 <nav><a href=\"/\">Home</a></nav><article>",
            );
            for words in &paras {
                html.push_str("<p>");
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        html.push_str(gaps[i % gaps.len()]);
                    }
                    html.push_str(w);
                }
                html.push_str(".</p>\n");
            }
            html.push_str("</article><footer>Copyright</footer></body></html>");
            let (page, _) = ergraph::corpus::html::read_page("f.html", html.as_bytes()).expect("an article");
            let mut at = 0;
            for line in page.text.split('\n') {
                let (s, e) = (page.offsets.start(at), page.offsets.end(at + line.len()));
                if !line.is_empty() {
                    proptest::prop_assert_eq!(visible(&html[s..e]), line);
                }
                at += line.len() + 1;
            }
        }
}
