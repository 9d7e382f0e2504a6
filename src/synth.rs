//! A deterministic generator of news-like articles, for benchmarks and for
//! tests that need more than the five seeds.
//!
//! Document `i` of seed `s` depends only on `(s, i)` (a SplitMix64 stream
//! seeded from both), so any slice of a corpus can be generated alone, in any
//! order or in parallel, and the same seed always gives the same bytes. The
//! text mixes what the rules look for (titled people, organisations,
//! countries, counts of troops and workers, meetings, agreements,
//! attributions, dates) with filler prose that gives no claim, in varied
//! templates; entity popularity is skewed (a few names appear often, most
//! rarely), as in real coverage, so the graph grows sub-linearly with the
//! corpus. Nothing here is read by extraction: it only writes text.

use std::fmt::Write as _;

/// A small, fast, well-mixed PRNG (SplitMix64); enough for text, not for secrets.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose stream depends on `seed` and `stream` only.
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next_u64();
        r
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }

    /// Skewed towards the start of `0..n`: index 0 is the most popular.
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n.max(1)
    }

    /// One element of `items`, uniformly.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// One generated article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthDoc {
    /// `gen-SEED-INDEX`, zero-padded so ids sort as numbers.
    pub id: String,
    /// ISO date, also written as the text's `date` prefix.
    pub date: String,
    /// The headline (first line of the text).
    pub title: String,
    /// The article as a `.txt` file would hold it.
    pub text: String,
}

const KNOWN_PEOPLE: &[&str] = &[
    "Russian President Vladimir Putin",
    "North Korean leader Kim Jong Un",
    "Chinese President Xi Jinping",
    "U.S. President Donald Trump",
    "Ukrainian President Volodymyr Zelensky",
    "Russian Foreign Minister Sergei Lavrov",
    "Russian Defence Minister Andrei Belousov",
    "Security Council Secretary Sergei Shoigu",
    "South Korean President Lee Jae-myung",
    "Kim Yo Jong",
    "Secretary of State Antony Blinken",
    "former President Joe Biden",
];
const TITLES: &[&str] = &[
    "Foreign Minister",
    "Defence Minister",
    "Deputy Foreign Minister",
    "Ambassador",
    "lawmaker",
    "General",
    "Prime Minister",
    "Trade Minister",
    "Energy Minister",
    "Governor",
    "Vice Foreign Minister",
    "envoy",
];
const FIRST: &[&str] = &[
    "Park", "Choi", "Elena", "Marco", "Amina", "Hiroshi", "Olga", "Tomas", "Ines", "Rahul",
    "Leila", "Viktor", "Sofia", "Daniel", "Mariam", "Igor", "Chen", "Ana", "Kwame", "Yusuf",
    "Nadia", "Pavel", "Lucia", "Arjun", "Fatima", "Stefan", "Mei", "Jonas", "Irina", "Omar",
];
const LAST: &[&str] = &[
    "Novak",
    "Haddad",
    "Okafor",
    "Ivanova",
    "Tanaka",
    "Moreau",
    "Kowalski",
    "Rossi",
    "Petrov",
    "Sato",
    "Mendes",
    "Larsen",
    "Kaplan",
    "Nguyen",
    "Silva",
    "Dubois",
    "Horvat",
    "Yilmaz",
    "Schmidt",
    "Kovacs",
    "Andersen",
    "Popescu",
    "Rahman",
    "Castillo",
    "Volkov",
    "Hashemi",
    "Lindqvist",
    "Mbeki",
    "Oyelaran",
    "Fischer",
    "Varga",
    "Ortega",
    "Sokolov",
    "Nakamura",
    "Bianchi",
    "Jansen",
    "Ahmadi",
    "Costa",
    "Weber",
    "Duarte",
];
const COUNTRIES: &[&str] = &[
    "Russia",
    "North Korea",
    "China",
    "Iran",
    "Belarus",
    "Ukraine",
    "South Korea",
    "Japan",
    "the United States",
    "Syria",
    "Vietnam",
    "Mali",
    "Turkey",
    "India",
    "Brazil",
    "Egypt",
    "Kazakhstan",
    "Serbia",
    "Laos",
    "Myanmar",
    "Venezuela",
    "Cuba",
    "Algeria",
    "Mongolia",
];
const SOURCES: &[&str] = &[
    "Reuters",
    "AFP",
    "TASS",
    "Yonhap",
    "the Associated Press",
    "Interfax",
    "Kyodo News",
    "Bloomberg",
    "Xinhua",
    "the Korean Central News Agency",
    "RIA Novosti",
    "Al Jazeera",
];
const ORGS: &[&str] = &[
    "the National Intelligence Service",
    "the Institute for the Study of War",
    "NATO",
    "the United Nations",
    "the European Union",
    "the Pentagon",
    "the Wagner Group",
    "the Center for Strategic and International Studies",
    "the Multilateral Sanctions Monitoring Team",
    "the International Atomic Energy Agency",
];
const PLACES: &[&str] = &[
    "Kursk",
    "Vladivostok",
    "Belgorod",
    "Donetsk",
    "Crimea",
    "Rason",
    "Luhansk",
];
const UNITS: &[&str] = &[
    "troops",
    "construction workers",
    "soldiers",
    "military engineers",
    "workers",
    "artillery shells",
    "deminers",
    "construction troops",
    "laborers",
    "missiles",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const TOPICS: &[&str] = &[
    "energy cooperation",
    "grain exports",
    "rail links",
    "sanctions relief",
    "a new fishing quota",
    "nuclear safety",
    "border crossings",
    "payment systems",
    "tourism",
    "fertiliser supplies",
    "a port upgrade",
    "satellite launches",
];
const FILLER: &[&str] = &[
    "Prices of staple goods rose for a third straight month, squeezing household budgets in the capital.",
    "The talks took place behind closed doors, and neither side released a full readout.",
    "Satellite images reviewed by independent analysts showed new construction near the border.",
    "The central bank kept its key rate unchanged, citing uncertainty over exports.",
    "Officials gave no timetable for the next round of negotiations.",
    "Heavy rain disrupted rail traffic across the region for most of the week.",
    "Critics said the plan lacked detail on financing and oversight.",
    "Shares in state-owned shipping companies fell sharply after the announcement.",
    "The ministry did not respond to a request for comment.",
    "Diplomats described the atmosphere as cordial but cautious.",
    "Local media reported long queues at fuel stations on the outskirts of the city.",
    "The agreement still needs to be ratified by parliament before it takes effect.",
    "Trade between the two neighbours has more than doubled over the past five years.",
    "Observers noted that the delegation was larger than at previous meetings.",
    "Winter temperatures are expected to complicate logistics along the front line.",
    "A spokesperson declined to say how many people attended the closed session.",
];

/// A name of an unseen person with a title ("Foreign Minister Elena Novak"),
/// or a well-known one; popular names come up more often.
fn person(r: &mut Rng) -> String {
    if r.chance(0.45) {
        return KNOWN_PEOPLE[r.skewed(KNOWN_PEOPLE.len())].to_string();
    }
    let first = FIRST[r.skewed(FIRST.len())];
    let last = LAST[r.skewed(LAST.len())];
    let title = r.pick(TITLES);
    let country = COUNTRIES[r.skewed(COUNTRIES.len())].trim_start_matches("the ");
    if r.chance(0.5) {
        format!("{country}'s {title} {first} {last}")
    } else {
        format!("{title} {first} {last}")
    }
}

fn country(r: &mut Rng) -> &'static str {
    COUNTRIES[r.skewed(COUNTRIES.len())]
}

/// "5,000", "1,200", "300", "12,500": a count written as news does.
fn count(r: &mut Rng) -> String {
    let n: u64 = match r.below(4) {
        0 => 100 * (1 + r.below(9) as u64),
        1 => 1000 * (1 + r.below(20) as u64),
        2 => 500 * (1 + r.below(40) as u64),
        _ => 10 * (10 + r.below(990) as u64),
    };
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How many distinct contingents (origin, count, unit, destination) the
/// coverage talks about: articles repeat the same figures, as real coverage
/// does, so deployment nodes do not grow with every article.
const STORIES: usize = 400;

/// One contingent of the pool, popular ones more often: origin, count, unit, destination.
fn deployment(r: &mut Rng) -> (&'static str, String, &'static str, &'static str) {
    let story = r.skewed(STORIES) as u64;
    let mut s = Rng::new(0x5EED, story);
    let from = country(&mut s);
    let mut to = country(&mut s);
    if to == from {
        to = COUNTRIES
            [(COUNTRIES.iter().position(|c| *c == from).unwrap_or(0) + 1) % COUNTRIES.len()];
    }
    (from, count(&mut s), s.pick(UNITS), to)
}

/// One sentence (or two) from a random template.
fn sentence(r: &mut Rng, out: &mut String, month: &str) {
    let start = out.len();
    let _ = match r.below(14) {
        0 => write!(
            out,
            "{} met {} in {} on {} to discuss {}.",
            person(r),
            person(r),
            r.pick(PLACES),
            r.pick(DAYS),
            r.pick(TOPICS)
        ),
        1 => {
            let (from, n, unit, to) = deployment(r);
            write!(
                out,
                "{} has sent about {n} {unit} to {to} since {month}, {} reported, citing officials.",
                capitalise(from),
                r.pick(SOURCES)
            )
        }
        2 => write!(
            out,
            "{} and {} agreed to expand {}, according to {}.",
            person(r),
            person(r),
            r.pick(TOPICS),
            r.pick(SOURCES)
        ),
        3 => write!(
            out,
            "\"We will not accept any pressure on {},\" {} told reporters on {}.",
            r.pick(TOPICS),
            person(r),
            r.pick(DAYS)
        ),
        4 => {
            let (from, n, unit, _) = deployment(r);
            write!(
                out,
                "According to {}, around {n} {} {unit} were deployed to {} in {month}.",
                ORGS[r.skewed(ORGS.len())],
                demonym(from),
                r.pick(PLACES),
            )
        }
        5 => write!(
            out,
            "{} said that {} had held talks with {} about {}.",
            capitalise(ORGS[r.skewed(ORGS.len())]),
            person(r),
            person(r),
            r.pick(TOPICS)
        ),
        6 => write!(
            out,
            "The meeting between {} and {} lasted nearly {} hours, {} reports.",
            person(r),
            person(r),
            2 + r.below(5),
            r.pick(SOURCES)
        ),
        7 => write!(
            out,
            "{} signed a deal with {} on {}, the ministry said in a statement.",
            capitalise(country(r)),
            country(r),
            r.pick(TOPICS)
        ),
        8 => write!(
            out,
            "Officials estimated that {} percent of the budget would go to {} by {}.",
            5 + r.below(60),
            r.pick(TOPICS),
            2026 + r.below(4)
        ),
        9 => write!(
            out,
            "At least {} people were injured when a warehouse caught fire near {}.",
            2 + r.below(80),
            r.pick(PLACES)
        ),
        10 => write!(
            out,
            "{} did not meet {} during the visit, a spokesperson said.",
            person(r),
            person(r)
        ),
        _ => {
            out.push_str(r.pick(FILLER));
            Ok(())
        }
    };
    // "envoy Leila Novak met ..." opens a sentence with a capital.
    if let Some(first) = out.get(start..start + 1) {
        let upper = first.to_ascii_uppercase();
        out.replace_range(start..start + 1, &upper);
    }
}

/// "North Korean" for "North Korea": the origin as the rules read it.
fn demonym(country: &str) -> String {
    match country.trim_start_matches("the ") {
        "United States" => "American".to_string(),
        "China" => "Chinese".to_string(),
        "Japan" => "Japanese".to_string(),
        "Vietnam" => "Vietnamese".to_string(),
        "Laos" => "Laotian".to_string(),
        "Myanmar" => "Myanmar".to_string(),
        "Iran" => "Iranian".to_string(),
        "Turkey" => "Turkish".to_string(),
        "Cuba" => "Cuban".to_string(),
        "Serbia" => "Serbian".to_string(),
        "Mali" => "Malian".to_string(),
        "Egypt" => "Egyptian".to_string(),
        "Mongolia" => "Mongolian".to_string(),
        "Kazakhstan" => "Kazakh".to_string(),
        "Belarus" => "Belarusian".to_string(),
        c if c.ends_with('a') => format!("{c}n"),
        c => format!("{c}ian"),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Generates document `index` of the corpus of `seed`.
pub fn generate(seed: u64, index: u64) -> SynthDoc {
    let mut r = Rng::new(seed, index);
    let year = 2024 + r.below(2);
    let m = r.below(12);
    let day = 1 + r.below(28);
    let date = format!("{year}-{:02}-{day:02}", m + 1);
    let month = MONTHS[m];
    let a = country(&mut r);
    let b = country(&mut r);
    let title = match r.below(4) {
        0 => format!(
            "{} and {} step up {} talks",
            capitalise(a.trim_start_matches("the ")),
            b.trim_start_matches("the "),
            r.pick(TOPICS)
        ),
        1 => {
            // A headline names a contingent of the coverage, like the body.
            let (from, n, unit, to) = deployment(&mut r);
            format!(
                "{} sends {n} {unit} to {}, officials say",
                capitalise(from.trim_start_matches("the ")),
                to.trim_start_matches("the ")
            )
        }
        2 => format!(
            "Ministers meet in {} as {} deal nears",
            r.pick(PLACES),
            r.pick(TOPICS)
        ),
        _ => format!(
            "What the latest {} figures say about the region",
            r.pick(TOPICS)
        ),
    };
    let mut text = String::with_capacity(4096);
    let _ = write!(text, " date {date} {title}\n\n");
    let paragraphs = 3 + r.below(8);
    for _ in 0..paragraphs {
        let sentences = 2 + r.below(4);
        for s in 0..sentences {
            if s > 0 {
                text.push(' ');
            }
            sentence(&mut r, &mut text, month);
        }
        text.push_str("\n\n");
    }
    SynthDoc {
        id: format!("gen-{seed}-{index:08}"),
        date,
        title,
        text,
    }
}

/// The same document as one JSON Lines record (`id`, `date`, `title`, `text`).
pub fn to_jsonl(doc: &SynthDoc) -> String {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        id: &'a str,
        date: &'a str,
        title: &'a str,
        text: &'a str,
    }
    serde_json::to_string(&Line {
        id: &doc.id,
        date: &doc.date,
        title: &doc.title,
        text: &doc.text,
    })
    .expect("strings always serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_and_index_give_the_same_document() {
        assert_eq!(generate(7, 3), generate(7, 3));
        assert_ne!(generate(7, 3).text, generate(7, 4).text);
        assert_ne!(generate(7, 3).text, generate(8, 3).text);
    }

    #[test]
    fn documents_are_varied_and_news_sized() {
        let docs: Vec<SynthDoc> = (0..200).map(|i| generate(1, i)).collect();
        let total: usize = docs.iter().map(|d| d.text.len()).sum();
        let mean = total / docs.len();
        assert!((1000..8000).contains(&mean), "mean size {mean}");
        let distinct: std::collections::BTreeSet<&str> = docs
            .iter()
            .flat_map(|d| d.text.split(['.', '\n']))
            .collect();
        assert!(
            distinct.len() > 2000,
            "only {} distinct sentences",
            distinct.len()
        );
    }

    #[test]
    fn jsonl_line_is_one_line_and_parses() {
        let d = generate(1, 0);
        let line = to_jsonl(&d);
        assert!(!line.contains('\n'));
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["text"], d.text.as_str());
    }
}
