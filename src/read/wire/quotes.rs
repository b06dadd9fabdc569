//! Loose matching of a pull quote against the paragraphs it may repeat: the
//! words are compared without case, punctuation or quote style, and a word may
//! differ by one typing error ("wat" for "way").

/// Pull quotes longer than this (in words) are not matched: real ones are a sentence or two.
const MAX_QUOTE_WORDS: usize = 200;
/// Paragraphs longer than this (in words) are not searched, to keep matching bounded.
const MAX_PARAGRAPH_WORDS: usize = 5000;
/// The share of a pull quote's words that must be found, in order, in the paragraph.
const MIN_SHARE: f64 = 0.8;

/// A pull quote's match in one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Match {
    /// Index of the paragraph in the list searched.
    pub paragraph: usize,
    /// Words of the quote.
    pub words: usize,
    /// Words of the quote found exactly, in order.
    pub exact: usize,
}

impl Match {
    /// Whether the quote's words appear in the paragraph exactly as they are.
    pub fn is_exact(&self) -> bool {
        self.exact == self.words
    }
}

/// The words of a text, lower-cased, keeping only letters and digits.
pub(super) fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Most word comparisons one reading may spend on matching (a fraction of a second);
/// past it, quotes are left unmatched rather than let odd input run for long.
const BUDGET: u64 = 20_000_000;

#[cfg(test)]
thread_local! {
    /// Paragraphs looked at by searches on this thread. Tests bound it to catch
    /// quadratic growth without timing anything; word comparisons are bounded by the
    /// budget, which a search that runs past it would also overrun in looks.
    pub(super) static LOOKS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts a paragraph looked at, for tests (nothing outside them).
fn look() {
    #[cfg(test)]
    LOOKS.with(|w| w.set(w.get() + 1));
}

/// The paragraphs pull quotes are matched against, split into words once.
pub(super) struct Corpus {
    paragraphs: Vec<Vec<String>>,
    budget: u64,
}

impl Corpus {
    /// A corpus of paragraph texts; indices in matches refer to this list.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        Corpus {
            paragraphs: texts.into_iter().map(words).collect(),
            budget: BUDGET,
        }
    }

    /// The paragraph that `quote` repeats best (paragraphs in `skip` aside), if
    /// one repeats enough of it.
    pub fn best_match(&mut self, quote: &str, skip: &[usize]) -> Option<Match> {
        let quote = words(quote);
        if quote.is_empty() || quote.len() > MAX_QUOTE_WORDS {
            return None;
        }
        let needed = (((quote.len() as f64) * MIN_SHARE).ceil() as usize).max(1);
        let mut best: Option<(usize, Match)> = None;
        for (index, body) in self.paragraphs.iter().enumerate() {
            look();
            if skip.contains(&index) || body.len() > MAX_PARAGRAPH_WORDS || body.len() < needed {
                continue;
            }
            let cost = (quote.len() * body.len()) as u64 * 2;
            if cost > self.budget {
                return best.map(|(_, m)| m);
            }
            self.budget -= cost;
            let exact = common_words(&quote, body, |a, b| a == b);
            let loose = if exact == quote.len() {
                exact
            } else {
                common_words(&quote, body, near)
            };
            if loose < needed {
                continue;
            }
            let candidate = Match {
                paragraph: index,
                words: quote.len(),
                exact,
            };
            // Prefer more words found, then more found exactly, then the earlier paragraph.
            let score = loose * 2 + usize::from(exact == quote.len());
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, candidate));
            }
        }
        best.map(|(_, m)| m)
    }
}

/// The length of the longest common subsequence of two word lists under `same`.
fn common_words(a: &[String], b: &[String], same: impl Fn(&str, &str) -> bool) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if same(x, y) {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Equal, or (for words of three letters or more) one substitution, insertion or deletion apart.
fn near(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // One edit leaves the first or the last letter in place; most pairs fail here cheaply.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len().abs_diff(y.len()) > 4 || (x.first() != y.first() && x.last() != y.last()) {
        return false;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().min(b.len()) < 3 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    // What is left between the common prefix and suffix is the one edit.
    a.len() - prefix - suffix <= 1 && b.len() - prefix - suffix <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_punctuation_and_quote_style() {
        assert_eq!(
            words("“We’ve got—it,” she said."),
            ["weve", "gotit", "she", "said"]
        );
        assert_eq!(words("We've got"), words("We’ve got"));
    }

    #[test]
    fn near_allows_one_typing_error() {
        assert!(near("wat", "way"));
        assert!(near("reservoir", "resevoir"));
        assert!(near("dam", "dams"));
        assert!(!near("at", "as"));
        assert!(!near("dam", "dust"));
    }

    #[test]
    fn finds_the_repeated_paragraph_loosely() {
        let paragraphs = [
            "The valley was dry by July.",
            "“We have a long wait ahead of us,” Lind said. “The snow will decide it.”",
        ];
        let mut corpus = Corpus::new(paragraphs);
        let m = corpus
            .best_match("We have a long wiat ahead of us", &[])
            .unwrap();
        assert_eq!(m.paragraph, 1);
        assert_eq!((m.words, m.exact), (8, 7));
        assert!(!m.is_exact());
        let m = corpus.best_match("The snow will decide it", &[]).unwrap();
        assert!(m.is_exact());
        assert_eq!(corpus.best_match("The snow will decide it", &[1]), None);
        assert_eq!(
            corpus.best_match("Nobody said anything like this here", &[]),
            None
        );
    }
}
