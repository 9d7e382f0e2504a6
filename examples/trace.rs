//! Shows what the extractor sees in each sentence of one article: mentions
//! (surface, id, form, role), quantities, and the claims made from them.
//! A debugging aid for rule work: `cargo run --example trace -- FILE`.

use ergraph::corpus::read_document;
use ergraph::lexicon::load_lexicon;
use ergraph::mentions::{DocState, find_mentions};
use ergraph::relations::dates::{DocDate, find_dates};
use ergraph::text::{split_sentences, tokenize};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: trace FILE");
        std::process::exit(2);
    };
    let lex = load_lexicon(&[]).expect("built-in lexicon loads");
    let (doc, _) = match read_document(std::path::Path::new(&path)) {
        Ok(d) => d,
        Err(w) => {
            eprintln!("{w}");
            std::process::exit(1);
        }
    };
    let doc_date = doc.date.as_deref().and_then(DocDate::parse);
    let mut state = DocState::default();
    for (i, s) in split_sentences(&doc.text, doc.body_start)
        .into_iter()
        .enumerate()
    {
        state.sentence = i;
        let tokens = tokenize(&s.text, s.start);
        let found = find_mentions(&s.text, s.start, &tokens, &lex, &mut state);
        println!("[{i}] {}", s.text);
        for m in &found.mentions {
            println!(
                "    mention {:?} -> {} ({:?}{})",
                m.surface,
                m.id,
                m.form,
                m.role
                    .as_ref()
                    .map(|r| format!(", role {r}"))
                    .unwrap_or_default()
            );
        }
        for q in &found.quantities {
            println!(
                "    quantity {:?} {:?} {} ({:?}) origin {:?}",
                q.count,
                q.count_max,
                q.unit,
                q.category,
                q.origin.as_ref().map(|o| o.to_string())
            );
        }
        for d in find_dates(&tokens, doc_date) {
            println!("    date {}", d.1);
        }
    }
    let ex = ergraph::extract::extract_document(&doc, &lex);
    for c in &ex.claims {
        println!(
            "claim [{}] {} {} -> {} reported_by {:?}",
            c.sentence,
            c.relation,
            ex.end_label(&c.source),
            ex.end_label(&c.target),
            c.reported_by
                .iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
        );
    }
}
