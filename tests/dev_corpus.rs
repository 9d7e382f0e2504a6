//! Scores the built binary on the development sets of real news, which stay outside the
//! repository.
//!
//! `ERGRAPH_DEV_CORPUS` names the folder that holds `dev-a/` and `dev-b/`, each with a
//! `texts/` folder of articles and a `<set>.gold.json` (`.ci/run` points it at
//! `../shared/eval`). Each set is run as one corpus (`ergraph --stdout json SET/texts`),
//! scored with the project's scorer (`tests/common/scorer.rs`, the referee's matching rules,
//! documents included) and held to a floor: the figures below are what the extractor reached,
//! less a small margin, so a change that loses what was gained fails here. Raise them as the
//! extractor improves. Without the variable the test is reported `ignored`, the run saying
//! to set `ERGRAPH_DEV_CORPUS` (and fails when `ERGRAPH_REQUIRE_READERS=1`, as in CI).

mod common;
#[allow(dead_code)]
#[path = "common/scorer.rs"]
mod scorer;

use common::harness::{self, *};

use std::fs;
use std::path::Path;
use std::process::Command;

use scorer::{Expectations, Score};
use serde_json::Value;

/// One development set and the floor it is held to.
struct Floor {
    set: &'static str,
    recall: f64,
    precision: f64,
    /// Most split entities allowed.
    split: usize,
    /// Most noise nodes allowed.
    noise: usize,
}

const FLOORS: [Floor; 2] = [
    Floor {
        set: "dev-a",
        recall: 0.92,
        precision: 0.98,
        split: 0,
        noise: 0,
    },
    Floor {
        set: "dev-b",
        recall: 0.91,
        precision: 0.98,
        split: 0,
        noise: 0,
    },
];

fn graph_of(dir: &Path) -> Value {
    let bin = env!("CARGO_BIN_EXE_ergraph");
    let out = Command::new(bin)
        .arg("--stdout")
        .arg("json")
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {bin}: {e}"));
    assert!(
        out.status.success(),
        "ergraph failed on {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: stdout is not JSON: {e}", dir.display()))
}

fn score_set(root: &Path, set: &str) -> Score {
    let texts = root.join(set).join("texts");
    let gold_path = root.join(set).join(format!("{set}.gold.json"));
    let gold =
        fs::read_to_string(&gold_path).unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
    let exp = Expectations::parse(&gold).unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
    let referee = exp
        .referee()
        .unwrap_or_else(|p| panic!("{}: bad gold: {p:#?}", gold_path.display()));
    referee
        .score(&graph_of(&texts))
        .unwrap_or_else(|m| panic!("{set}: malformed graph\n{m}"))
}

fn dev_sets_hold_their_floors() {
    let Some(root) = common::require_env_dir("ERGRAPH_DEV_CORPUS") else {
        return;
    };
    let mut failures = Vec::new();
    for floor in &FLOORS {
        let s = score_set(&root, floor.set);
        println!("== {}\n{s:#}", floor.set);
        let checks = [
            (
                s.recall >= floor.recall,
                format!("recall {:.3} under {}", s.recall, floor.recall),
            ),
            (
                s.precision >= floor.precision,
                format!("precision {:.3} under {}", s.precision, floor.precision),
            ),
            (
                s.split_entities.len() <= floor.split,
                format!(
                    "{} split entities, at most {}",
                    s.split_entities.len(),
                    floor.split
                ),
            ),
            (
                s.noise_nodes.len() <= floor.noise,
                format!(
                    "{} noise nodes, at most {}",
                    s.noise_nodes.len(),
                    floor.noise
                ),
            ),
        ];
        for (ok, what) in checks {
            if !ok {
                failures.push(format!("{}: {what}", floor.set));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn main() {
    harness::run(vec![
        test("dev_sets_hold_their_floors", dev_sets_hold_their_floors)
            .needs(&[Need::Dir("ERGRAPH_DEV_CORPUS")]),
    ])
}
