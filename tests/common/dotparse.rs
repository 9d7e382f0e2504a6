//! A small tokenizer and parser for the DOT subset ergraph writes, applying
//! Graphviz's scanner rules (FORMATS.md §5.1–5.2) strictly enough to catch a
//! quoting mistake: every statement must parse, every id and value must be
//! quoted (attribute names and keywords are the only bare words), quoted runs
//! stay under flex's 16 KB buffer, and labels decode back to their text.

use std::collections::BTreeSet;

/// The longest quoted run Graphviz 2.43 scans (16 383 bytes fail; FORMATS.md §5.2).
pub const MAX_QUOTED_RUN: usize = 16_000;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A double-quoted string, after the scanner's rules (`\"` → `"`, `\`
    /// newline removed, other backslashes kept for escString processing).
    Quoted(String),
    /// An HTML-like string `<…>`, without the outer brackets.
    Html(String),
    /// A bare word: a keyword or an attribute name.
    Word(String),
    Arrow,
    Punct(char),
}

/// An attribute list, in order, values as the scanner gives them.
pub type Attrs = Vec<(String, String)>;

/// What the parser found.
#[derive(Debug, Default)]
pub struct Dot {
    pub name: String,
    pub graph_attrs: Attrs,
    pub nodes: Vec<(String, Attrs)>,
    pub edges: Vec<(String, String, Attrs)>,
}

impl Dot {
    /// The value of attribute `name` in `attrs`.
    pub fn attr<'a>(attrs: &'a Attrs, name: &str) -> Option<&'a str> {
        attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    if src.starts_with('\u{feff}') {
        return Err("starts with a BOM".into());
    }
    let chars: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' => i += 1,
            '\r' => return Err("carriage return in the file".into()),
            '"' => {
                i += 1;
                let mut s = String::new();
                let mut run = 0usize;
                loop {
                    let Some(&c) = chars.get(i) else {
                        return Err("unterminated quoted string".into());
                    };
                    i += 1;
                    match c {
                        '"' => break,
                        '\\' => match chars.get(i) {
                            Some('"') => {
                                s.push('"');
                                run += 2;
                                i += 1;
                            }
                            Some('\n') => {
                                run = 0;
                                i += 1;
                            }
                            Some(&n) => {
                                s.push('\\');
                                s.push(n);
                                run += 1 + n.len_utf8();
                                i += 1;
                            }
                            None => return Err("backslash at end of file".into()),
                        },
                        '\n' => return Err("raw newline inside a quoted string".into()),
                        c if c.is_control() && c != '\t' => {
                            return Err(format!(
                                "raw control U+{:04X} in a quoted string",
                                c as u32
                            ));
                        }
                        c => {
                            s.push(c);
                            run += c.len_utf8();
                        }
                    }
                    if run > MAX_QUOTED_RUN {
                        return Err(format!("quoted run longer than {MAX_QUOTED_RUN} bytes"));
                    }
                }
                toks.push(Tok::Quoted(s));
            }
            '<' => {
                let mut depth = 1;
                let mut s = String::new();
                i += 1;
                while depth > 0 {
                    let Some(&c) = chars.get(i) else {
                        return Err("unterminated HTML string".into());
                    };
                    i += 1;
                    match c {
                        '<' => depth += 1,
                        '>' => depth -= 1,
                        _ => {}
                    }
                    if depth > 0 {
                        s.push(c);
                    }
                }
                toks.push(Tok::Html(s));
            }
            '-' if chars.get(i + 1) == Some(&'>') => {
                toks.push(Tok::Arrow);
                i += 2;
            }
            '{' | '}' | '[' | ']' | ';' | ',' | '=' => {
                toks.push(Tok::Punct(c));
                i += 1;
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut s = String::new();
                while let Some(&c) = chars.get(i) {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        s.push(c);
                        i += 1;
                    } else {
                        break;
                    }
                }
                toks.push(Tok::Word(s));
            }
            c => return Err(format!("unexpected character {c:?} outside quotes")),
        }
    }
    Ok(toks)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn next(&mut self) -> Result<Tok, String> {
        let t = self
            .toks
            .get(self.pos)
            .cloned()
            .ok_or("unexpected end of file")?;
        self.pos += 1;
        Ok(t)
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn expect(&mut self, want: Tok) -> Result<(), String> {
        let got = self.next()?;
        if got == want {
            Ok(())
        } else {
            Err(format!(
                "expected {want:?}, found {got:?} (token {})",
                self.pos
            ))
        }
    }

    fn quoted(&mut self) -> Result<String, String> {
        match self.next()? {
            Tok::Quoted(s) => Ok(s),
            other => Err(format!(
                "expected a quoted id, found {other:?} (token {})",
                self.pos
            )),
        }
    }

    fn attr_list(&mut self) -> Result<Attrs, String> {
        self.expect(Tok::Punct('['))?;
        let mut attrs = Vec::new();
        loop {
            match self.next()? {
                Tok::Punct(']') => return Ok(attrs),
                Tok::Word(name) => {
                    self.expect(Tok::Punct('='))?;
                    let value = match self.next()? {
                        Tok::Quoted(s) => s,
                        Tok::Html(s) if name == "label" => format!("<{s}>"),
                        other => {
                            return Err(format!("attribute {name} has unquoted value {other:?}"));
                        }
                    };
                    attrs.push((name, value));
                    if self.peek() == Some(&Tok::Punct(',')) {
                        self.pos += 1;
                    }
                }
                other => return Err(format!("expected an attribute name, found {other:?}")),
            }
        }
    }
}

fn is_keyword(w: &str) -> bool {
    ["node", "edge", "graph", "digraph", "subgraph", "strict"]
        .contains(&w.to_ascii_lowercase().as_str())
}

/// Parses the DOT subset ergraph writes; the error names the first problem.
pub fn parse_dot(src: &str) -> Result<Dot, String> {
    let mut p = Parser {
        toks: tokenize(src)?,
        pos: 0,
    };
    p.expect(Tok::Word("digraph".into()))?;
    let mut dot = Dot {
        name: p.quoted()?,
        ..Dot::default()
    };
    p.expect(Tok::Punct('{'))?;
    let mut declared = BTreeSet::new();
    loop {
        match p.next()? {
            Tok::Punct('}') => break,
            Tok::Word(w) if w == "graph" => dot.graph_attrs.extend(p.attr_list()?),
            Tok::Word(w) if w == "node" || w == "edge" => {
                p.attr_list()?;
            }
            Tok::Word(w) => {
                return Err(format!(
                    "bare word {w:?} as a statement{}",
                    if is_keyword(&w) { " (a keyword)" } else { "" }
                ));
            }
            Tok::Quoted(id) => {
                if p.peek() == Some(&Tok::Arrow) {
                    p.pos += 1;
                    let target = p.quoted()?;
                    for end in [&id, &target] {
                        if !declared.contains(end) {
                            return Err(format!("edge end {end:?} was not declared as a node"));
                        }
                    }
                    let attrs = p.attr_list()?;
                    dot.edges.push((id, target, attrs));
                } else {
                    if !declared.insert(id.clone()) {
                        return Err(format!("node {id:?} declared twice"));
                    }
                    let attrs = p.attr_list()?;
                    dot.nodes.push((id, attrs));
                }
            }
            other => return Err(format!("unexpected {other:?} at token {}", p.pos)),
        }
        p.expect(Tok::Punct(';'))?;
    }
    if p.pos != p.toks.len() {
        return Err("tokens after the closing brace".into());
    }
    Ok(dot)
}

/// A scanned value as Graphviz draws it (escString, then entities): `\\` →
/// `\`, `\n`/`\l`/`\r` → newline, and `&amp;` → `&`. Any escape that Graphviz
/// would substitute (`\N`, `\G`, …) or drop, and any `&` that does not start
/// `&amp;`, is an error: ergraph's escaping never produces them.
pub fn decode_label(raw: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('n' | 'l' | 'r') => out.push('\n'),
                Some(other) => {
                    return Err(format!("escape \\{other} would be substituted or dropped"));
                }
                None => return Err("trailing backslash".into()),
            }
        } else {
            out.push(c);
        }
    }
    let mut decoded = String::new();
    let mut rest = out.as_str();
    while let Some(i) = rest.find('&') {
        decoded.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("&amp;") {
            decoded.push('&');
            rest = after;
        } else {
            return Err(format!(
                "unescaped & before {:?}",
                tail.chars().take(8).collect::<String>()
            ));
        }
    }
    decoded.push_str(rest);
    Ok(decoded)
}
