//! The binary's query subcommands (`entities`, `relations`, `explain`), the
//! filters every export and query takes, and the new formats on the command
//! line, run on the seeds from the repo root. A failing case prints the
//! command, its status, stdout and stderr.

mod common;

use common::harness::{self, test};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `ergraph ARGS` in the repo root; checks the exit code.
#[track_caller]
fn ergraph(args: &[&str], code: i32) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ergraph"));
    cmd.current_dir(repo()).args(args);
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert_eq!(
        out.status.code(),
        Some(code),
        "command: {cmd:?}\nstatus: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

#[track_caller]
fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(out)))
}

fn entities_prints_an_aligned_table() {
    let out = stdout(&ergraph(&["entities", "seeds", "-q"], 0));
    let mut lines = out.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with("ENTITY") && header.contains("KIND") && header.contains("ALIASES"));
    let kind_col = header.find("KIND").expect("KIND");
    let kim = lines
        .find(|l| l.starts_with("Kim Jong Un "))
        .expect("Kim Jong Un row");
    assert_eq!(
        &kim[kind_col..kind_col + 6],
        "person",
        "columns line up:\n{out}"
    );
}

fn entities_json_lists_kind_mentions_aliases_documents() {
    let v = json(&ergraph(&["entities", "--json", "seeds"], 0));
    let kim = v
        .as_array()
        .expect("array")
        .iter()
        .find(|e| e["id"] == "person:kim-jong-un")
        .expect("Kim");
    assert_eq!(kim["kind"], "person");
    assert!(kim["mentions"].as_u64() > Some(1));
    assert!(kim["aliases"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(kim["documents"].as_array().is_some_and(|d| !d.is_empty()));
}

fn relations_json_respects_filters() {
    let v = json(&ergraph(
        &[
            "relations",
            "--json",
            "--relations",
            "met",
            "--min-weight",
            "2",
        ],
        0,
    ));
    let rows = v.as_array().expect("array");
    assert!(!rows.is_empty());
    for r in rows {
        assert_eq!(r["relation"], "met");
        assert!(r["weight"].as_u64() >= Some(2));
        assert!(r["source"]["label"].is_string() && r["documents"].is_array());
    }
}

fn explain_shows_every_relation_with_its_evidence() {
    let text = stdout(&ergraph(&["explain", "Sergei Shoigu", "kim jong-un"], 0));
    assert!(text.contains(" met "), "{text}");
    assert!(
        text.contains("evidence") && text.contains("Shoigu"),
        "{text}"
    );
    let v = json(&ergraph(&["explain", "shoigu", "Kim Jong Un", "--json"], 0));
    assert_eq!(v["a"]["id"], "person:sergei-shoigu");
    assert_eq!(v["b"]["id"], "person:kim-jong-un");
    let rels = v["relations"].as_array().expect("relations");
    assert!(!rels.is_empty());
    for r in rels {
        let ends = [r["source"]["id"].clone(), r["target"]["id"].clone()];
        assert!(ends.contains(&v["a"]["id"]) && ends.contains(&v["b"]["id"]));
        assert!(
            r["evidence"].as_array().is_some_and(|e| !e.is_empty()),
            "{r}"
        );
        assert!(r["documents"][0]["id"].is_string());
    }
}

fn unknown_name_is_an_error_with_near_matches() {
    let out = ergraph(&["explain", "Sergei Shoigo", "Kim Jong Un"], 1);
    let err = stderr(&out);
    assert!(
        err.starts_with("ergraph: error: no entity is called \"Sergei Shoigo\""),
        "{err}"
    );
    assert!(err.contains("did you mean Sergei Shoigu"), "{err}");
    assert!(out.stdout.is_empty());
}

fn focus_and_depth_keep_a_neighbourhood() {
    let all = json(&ergraph(&["--stdout", "json", "-q"], 0));
    let one = json(&ergraph(
        &[
            "--stdout",
            "json",
            "-q",
            "--focus",
            "Sergei Shoigu",
            "--depth",
            "1",
        ],
        0,
    ));
    let two = json(&ergraph(
        &[
            "--stdout",
            "json",
            "-q",
            "--focus",
            "Sergei Shoigu",
            "--depth",
            "2",
        ],
        0,
    ));
    let count = |v: &Value| v["nodes"].as_array().map_or(0, Vec::len);
    assert!(count(&one) < count(&two) && count(&two) <= count(&all));
    let ids: Vec<&str> = one["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert!(ids.contains(&"person:sergei-shoigu") && ids.contains(&"person:kim-jong-un"));
    for l in one["links"].as_array().expect("links") {
        assert!(ids.contains(&l["source"].as_str().expect("s")));
        assert!(ids.contains(&l["target"].as_str().expect("t")));
    }
    ergraph(&["--stdout", "json", "--focus", "Nobody At All"], 1);
}

fn kinds_dates_and_drop_isolated_filter_every_export() {
    let v = json(&ergraph(
        &[
            "--stdout",
            "cyjs",
            "-q",
            "--kinds",
            "person,country",
            "--drop-isolated",
        ],
        0,
    ));
    let nodes = v["elements"]["nodes"].as_array().expect("nodes");
    assert!(!nodes.is_empty());
    for n in nodes {
        assert!(["person", "country"].contains(&n["data"]["kind"].as_str().expect("kind")));
    }
    let linked: std::collections::BTreeSet<&str> = v["elements"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .flat_map(|e| [e["data"]["source"].as_str(), e["data"]["target"].as_str()])
        .flatten()
        .collect();
    assert!(
        nodes
            .iter()
            .all(|n| linked.contains(n["data"]["id"].as_str().expect("id")))
    );
    let future = json(&ergraph(&["--stdout", "json", "-q", "--since", "2030"], 0));
    assert_eq!(future["links"], serde_json::json!([]));
    ergraph(&["--since", "yesterday"], 2);
    ergraph(&["--kinds", "dragon"], 2);
}

fn new_formats_write_their_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().expect("utf-8 path");
    ergraph(&["seeds", "-q", "-o", out, "-f", "gexf,cyjs,csv,html"], 0);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "edges.csv",
            "graph.cyjs",
            "graph.gexf",
            "graph.html",
            "nodes.csv"
        ]
    );
    let csv = ergraph(&["--stdout", "csv"], 2);
    assert!(
        stderr(&csv).contains("nodes.csv and edges.csv"),
        "{}",
        stderr(&csv)
    );
}

fn dot_cluster_groups_nodes() {
    let by_doc = stdout(&ergraph(
        &["--stdout", "dot", "-q", "--dot-cluster", "document"],
        0,
    ));
    assert!(by_doc.contains("subgraph \"cluster_doc_000_db62a41bca235961\""));
    let by_kind = stdout(&ergraph(
        &["--stdout", "dot", "-q", "--dot-cluster", "kind"],
        0,
    ));
    assert!(by_kind.contains("subgraph \"cluster_kind_person\""));
    ergraph(&["--dot-cluster", "colour"], 2);
}

/// `explain` of the seeds' main story: no direct edge joins North Korea and
/// Russia, the contingents and the treaty do, hop by hop with evidence.
fn explain_follows_paths_through_deployments_and_treaties() {
    let text = stdout(&ergraph(&["explain", "North Korea", "Russia", "-q"], 0));
    assert!(
        text.starts_with(
            "no direct relation between North Korea (country:north-korea) and Russia (country:russia)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("7 paths through a deployment or a treaty, the 5 best supported shown:"),
        "{text}"
    );
    assert!(
        text.contains(
            "path 1: via the deployment 5,000 construction troops \
             (deployment:north-korea-5000-construction-troops-to-russia), weight 5\n  \
             North Korea sent 5,000 construction troops\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\n  5,000 construction troops deployed_to Russia\n"),
        "{text}"
    );
    assert!(
        text.contains("      [001_eeea5e3bb706abe2 17..218] North Korea has sent about 5,000"),
        "each hop's evidence with document and offsets: {text}"
    );
    assert!(
        text.ends_with("\n2 more paths not shown (--all-paths lists every one)\n"),
        "{text}"
    );

    let all = stdout(&ergraph(
        &["explain", "North Korea", "Russia", "-q", "--all-paths"],
        0,
    ));
    assert!(
        all.contains("via the treaty Comprehensive Strategic Partnership Treaty"),
        "{all}"
    );
    assert!(all.contains("  Russia agreed Comprehensive Strategic Partnership Treaty\n"));
    assert!(!all.contains("not shown"), "{all}");

    let v = json(&ergraph(
        &["explain", "North Korea", "Russia", "-q", "--json"],
        0,
    ));
    assert_eq!(v["relations"], serde_json::json!([]));
    let paths = v["paths"].as_array().expect("paths");
    assert_eq!((paths.len(), v["paths_not_shown"].as_u64()), (5, Some(2)));
    let weights: Vec<u64> = paths.iter().filter_map(|p| p["weight"].as_u64()).collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
    for p in paths {
        let hops = p["hops"].as_array().expect("hops");
        assert_eq!(hops.len(), 2);
        let via = &p["via"]["id"];
        assert!(
            hops[0]["source"]["id"] == "country:north-korea" && hops[0]["target"]["id"] == *via
        );
        assert!(hops[1]["source"]["id"] == *via && hops[1]["target"]["id"] == "country:russia");
        for h in hops {
            let ev = &h["evidence"][0];
            assert!(
                ev["text"].is_string() && ev["start"].as_u64() < ev["end"].as_u64(),
                "{h}"
            );
        }
    }
    let every = json(&ergraph(
        &[
            "explain",
            "North Korea",
            "Russia",
            "-q",
            "--json",
            "--all-paths",
        ],
        0,
    ));
    assert_eq!(every["paths"].as_array().map(Vec::len), Some(7));
    assert_eq!(every["paths_not_shown"], 0);
    // Filters apply to the hops: without deployed_to only the treaty is left.
    let treaty = json(&ergraph(
        &[
            "explain",
            "North Korea",
            "Russia",
            "-q",
            "--json",
            "--relations",
            "sent,agreed",
        ],
        0,
    ));
    assert_eq!(treaty["paths"].as_array().map(Vec::len), Some(1));
    assert_eq!(treaty["paths"][0]["via"]["kind"], "treaty");
}

/// A corpus written for this test: a contingent with two parts, and a
/// treaty both countries signed.
fn explain_joins_signatories_and_parts_in_a_corpus_of_our_own() {
    let dir = "tests/fixtures/explain";
    let text = stdout(&ergraph(&["explain", "Cuba", "Venezuela", dir, "-q"], 0));
    for want in [
        // The headline's "sign defence pact" is a second treaty the two
        // signed (the text does not say it is the Caribbean one).
        "5 paths through a deployment or a treaty:",
        "path 1: via the deployment 800 military personnel",
        "via the treaty Defence Pact (treaty:defence-pact), weight 1\n  Cuba agreed Defence Pact\n",
        "via the treaty Caribbean Cooperation Treaty (treaty:caribbean-cooperation-treaty), weight 1\n  \
         Cuba agreed Caribbean Cooperation Treaty\n",
        "\n  Venezuela agreed Caribbean Cooperation Treaty\n",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
    let part = stdout(&ergraph(
        &["explain", "300 engineers", "Cuba", dir, "-q"],
        0,
    ));
    assert!(
        part.contains(
            "path 1: via the deployment 800 military personnel \
             (deployment:cuba-800-military-personnel-to-venezuela), weight 1\n  \
             300 engineers part_of 800 military personnel\n"
        ),
        "{part}"
    );
    assert!(
        part.contains("\n  Cuba sent 800 military personnel\n"),
        "{part}"
    );
}

/// A name that is one entity's label and another's alias lists both with
/// id and kind; the id then chooses.
fn a_shared_name_lists_every_entity_and_the_id_chooses() {
    for (args, lines) in [
        (
            vec!["explain", "Pyongyang", "Russia", "-q"],
            [
                "ergraph: error: \"Pyongyang\" names 2 entities; give the id of the one you mean:",
                "  country:north-korea  country  North Korea (alias \"Pyongyang\")",
                "  place:pyongyang      place    Pyongyang",
            ],
        ),
        (
            vec![
                "explain",
                "havana",
                "Venezuela",
                "tests/fixtures/explain",
                "-q",
            ],
            [
                "ergraph: error: \"havana\" names 2 entities; give the id of the one you mean:",
                "  country:cuba  country  Cuba (alias \"Havana\")",
                "  place:havana  place    Havana",
            ],
        ),
    ] {
        let out = ergraph(&args, 1);
        assert_eq!(stderr(&out), lines.join("\n") + "\n");
        assert!(out.stdout.is_empty());
    }
    let city = stdout(&ergraph(&["explain", "place:pyongyang", "Russia", "-q"], 0));
    assert!(
        city.starts_with("no relation between Pyongyang (place:pyongyang)"),
        "{city}"
    );
    let country = stdout(&ergraph(
        &["explain", "country:north-korea", "Russia", "-q"],
        0,
    ));
    assert!(country.contains("path 1: via"), "{country}");
    let cuba = stdout(&ergraph(
        &[
            "explain",
            "country:cuba",
            "Venezuela",
            "tests/fixtures/explain",
            "-q",
        ],
        0,
    ));
    assert!(cuba.contains("Cuba sent 800 military personnel"), "{cuba}");
    // --focus takes the same names.
    let focus = ergraph(&["--stdout", "json", "-q", "--focus", "Moscow"], 1);
    assert!(
        stderr(&focus).contains("\"Moscow\" names 2 entities")
            && stderr(&focus).contains("place:moscow"),
        "{}",
        stderr(&focus)
    );
}

fn explain_of_one_entity_twice_is_a_usage_error() {
    for (a, b) in [
        ("North Korea", "country:north-korea"),
        ("russia", "Russia"),
        ("Kim", "Kim Jong Un"),
    ] {
        let out = ergraph(&["explain", a, b, "-q"], 2);
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!(
                "error: \"{a}\" and \"{b}\" name the same entity, "
            )),
            "{err}"
        );
        assert!(
            err.contains("explain needs two different entities")
                && err.contains("Usage: ergraph explain"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    let err = stderr(&ergraph(&["explain", "Putin", "Putin", "-q"], 2));
    assert!(
        err.starts_with(
            "error: both names are \"Putin\", Vladimir Putin (person:vladimir-putin); explain needs two different entities"
        ),
        "{err}"
    );
}

/// Off a terminal the tables hold every character (nothing cut) and an id
/// column, the ids the ambiguity errors ask for.
fn tables_print_whole_text_and_ids_into_a_pipe() {
    let e = stdout(&ergraph(&["entities", "-q"], 0));
    let header = e.lines().next().expect("header");
    let id_col = header.find("  ID  ").expect("an ID column") + 2;
    let treaty = e
        .lines()
        .find(|l| l.starts_with("Comprehensive Strategic Partnership Treaty "))
        .expect("the treaty's whole label");
    assert!(
        treaty[id_col..].starts_with("treaty:comprehensive-strategic-partnership-treaty "),
        "{e}"
    );
    assert!(e.contains("deployment:north-korea-9000000-artillery-shells-and-rockets-to-russia"));
    assert!(!e.contains('…'), "{e}");
    let r = stdout(&ergraph(&["relations", "-q"], 0));
    assert!(!r.contains('…'), "{r}");
    let header = r.lines().next().expect("header");
    assert!(
        header.contains("  SOURCE ID ") && header.ends_with("  TARGET ID"),
        "{header}"
    );
    assert!(
        r.lines().any(|l| l.starts_with("North Korea ")
            && l.contains(" construction workers and combat engineers ")
            && l.ends_with(
                " deployment:north-korea-construction-workers-and-combat-engineers-to-russia"
            )),
        "{r}"
    );
}

/// On a terminal (a pseudo-terminal from util-linux `script`, 90 columns)
/// the same tables are cut to its width.
fn tables_fit_a_terminal() {
    if common::require_tool("script").is_none() {
        return;
    }
    let exe = env!("CARGO_BIN_EXE_ergraph");
    for query in ["entities", "relations"] {
        let shell = format!("stty cols 100 rows 50; exec '{exe}' {query} -q");
        let out = Command::new("script")
            .args(["-q", "-e", "-c", &shell, "/dev/null"])
            .current_dir(repo())
            .output()
            .expect("script runs");
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout)
            .expect("UTF-8")
            .replace("\r\n", "\n");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 20, "{text}");
        for l in &lines {
            assert!(
                l.chars().count() <= 100,
                "{} chars: {l}\n{text}",
                l.chars().count()
            );
        }
        assert!(text.contains('…'), "{text}");
        assert!(lines[0].contains("ID"), "{text}");
    }
}

fn main() {
    harness::run(vec![
        test(
            "entities_prints_an_aligned_table",
            entities_prints_an_aligned_table,
        ),
        test(
            "entities_json_lists_kind_mentions_aliases_documents",
            entities_json_lists_kind_mentions_aliases_documents,
        ),
        test(
            "relations_json_respects_filters",
            relations_json_respects_filters,
        ),
        test(
            "explain_shows_every_relation_with_its_evidence",
            explain_shows_every_relation_with_its_evidence,
        ),
        test(
            "unknown_name_is_an_error_with_near_matches",
            unknown_name_is_an_error_with_near_matches,
        ),
        test(
            "focus_and_depth_keep_a_neighbourhood",
            focus_and_depth_keep_a_neighbourhood,
        ),
        test(
            "kinds_dates_and_drop_isolated_filter_every_export",
            kinds_dates_and_drop_isolated_filter_every_export,
        ),
        test(
            "new_formats_write_their_files",
            new_formats_write_their_files,
        ),
        test("dot_cluster_groups_nodes", dot_cluster_groups_nodes),
        test(
            "explain_follows_paths_through_deployments_and_treaties",
            explain_follows_paths_through_deployments_and_treaties,
        ),
        test(
            "explain_joins_signatories_and_parts_in_a_corpus_of_our_own",
            explain_joins_signatories_and_parts_in_a_corpus_of_our_own,
        ),
        test(
            "a_shared_name_lists_every_entity_and_the_id_chooses",
            a_shared_name_lists_every_entity_and_the_id_chooses,
        ),
        test(
            "explain_of_one_entity_twice_is_a_usage_error",
            explain_of_one_entity_twice_is_a_usage_error,
        ),
        test(
            "tables_print_whole_text_and_ids_into_a_pipe",
            tables_print_whole_text_and_ids_into_a_pipe,
        ),
        test("tables_fit_a_terminal", tables_fit_a_terminal),
    ]);
}
