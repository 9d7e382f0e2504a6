//! The README's "Sharded run with GNU parallel" recipe, run as written (the
//! `sh` block after that heading, with the built `ergraph` first on `PATH`)
//! on a generated `news.jsonl`, gives the bytes of one run over the same
//! shard files. Needs GNU parallel (Debian's `parallel`); skipped without it,
//! a failure under `ERGRAPH_REQUIRE_READERS=1` (`.ci/run` installs it).

mod common;

use common::harness::{self, test};

use std::io::Write;
use std::path::Path;
use std::process::Command;

/// The shell block that follows the recipe's heading in the README.
fn recipe() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let at = readme
        .find("**Sharded run with GNU parallel**")
        .expect("the README's GNU parallel recipe");
    let block = &readme[at..];
    let start = block.find("```sh\n").expect("its sh block") + "```sh\n".len();
    let len = block[start..].find("```").expect("the block's end");
    block[start..start + len].to_string()
}

fn the_readmes_gnu_parallel_recipe_gives_the_bytes_of_one_run() {
    let script = recipe();
    assert!(
        script.contains("parallel") && script.contains("ergraph merge"),
        "not the recipe:\n{script}"
    );
    if common::require_tool("parallel").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut w = std::io::BufWriter::new(std::fs::File::create(d.join("news.jsonl")).unwrap());
    for i in 0..320 {
        let g = ergraph::synth::generate(9, i);
        writeln!(w, "{}", serde_json::json!({"id": g.id, "text": g.text})).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let bin = Path::new(env!("CARGO_BIN_EXE_ergraph")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(d)
        .env("PATH", &path)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "the recipe failed:\n{script}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut shards: Vec<String> = std::fs::read_dir(d.join("shards"))
        .unwrap()
        .map(|e| format!("shards/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    shards.sort();
    assert!(shards.len() > 2, "the recipe wrote {shards:?}");
    let mut one = vec!["-q".to_string(), "-o".to_string(), "single".to_string()];
    for s in &shards {
        one.extend(["--jsonl".to_string(), s.clone()]);
    }
    let o = Command::new(env!("CARGO_BIN_EXE_ergraph"))
        .args(&one)
        .current_dir(d)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in ["graph.dot", "graph.graphml", "graph.json"] {
        let read = |p: &str| std::fs::read(d.join(p).join(f)).unwrap();
        assert!(
            read("out") == read("single"),
            "{f}: the GNU parallel recipe differs from one run over {shards:?}"
        );
    }
}

fn main() {
    harness::run(vec![test(
        "the_readmes_gnu_parallel_recipe_gives_the_bytes_of_one_run",
        the_readmes_gnu_parallel_recipe_gives_the_bytes_of_one_run,
    )]);
}
