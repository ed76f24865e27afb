//! Where a field is in the file's text. Structural and semantic problems are found on parsed
//! values, which have no positions; this scanner walks the original bytes once and finds the line
//! and column of every field path an issue names, so a statistician can jump to it in an editor.

use std::collections::{HashMap, HashSet};

/// serde_json refuses input nested deeper than 128 levels before we get here; this is a second
/// guard so the scanner's recursion stays bounded whatever it is given.
const MAX_DEPTH: usize = 256;

/// Fill in line and column (1-based; the column counts characters, so a Chinese character is one
/// column) for every issue that has a path but no position yet. A path that does not exist in
/// the text (a missing field) gets the position of its nearest existing ancestor.
pub(crate) fn add_positions(bytes: &[u8], issues: &mut [crate::report::Issue]) {
    let mut wanted: HashSet<String> = HashSet::new();
    for issue in issues.iter().filter(|i| i.line.is_none() && !i.path.is_empty()) {
        wanted.extend(prefixes(&issue.path).map(str::to_string));
    }
    if wanted.is_empty() {
        return;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let offsets = find_offsets(bytes, &wanted);
    let lines = LineIndex::new(bytes);
    for issue in issues.iter_mut().filter(|i| i.line.is_none() && !i.path.is_empty()) {
        let nearest = prefixes(&issue.path).rev().find_map(|p| offsets.get(p));
        if let Some(&offset) = nearest {
            let (line, column) = lines.line_column(bytes, offset);
            issue.line = Some(line);
            issue.column = Some(column);
        }
    }
}

/// `schools[12].stages` → `schools`, `schools[12]`, `schools[12].stages`.
fn prefixes(path: &str) -> impl DoubleEndedIterator<Item = &str> {
    let mut ends: Vec<usize> =
        path.char_indices().filter(|&(i, c)| i > 0 && (c == '.' || c == '[')).map(|(i, _)| i).collect();
    ends.push(path.len());
    ends.into_iter().filter_map(move |end| path.get(..end))
}

/// Byte offsets of the values at the wanted paths.
fn find_offsets(bytes: &[u8], wanted: &HashSet<String>) -> HashMap<String, usize> {
    let mut scanner = Scanner { bytes, pos: 0, path: String::new(), wanted, found: HashMap::new() };
    // A failed scan leaves what was found so far; the text parsed as JSON, so it does not fail.
    let _ = scanner.value(0);
    scanner.found
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    path: String,
    wanted: &'a HashSet<String>,
    found: HashMap<String, usize>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH || self.found.len() == self.wanted.len() {
            return None;
        }
        self.skip_whitespace();
        if self.wanted.contains(&self.path) {
            self.found.entry(self.path.clone()).or_insert(self.pos);
        }
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(|_| ()),
            _ => {
                while !matches!(self.peek(), None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        self.pos += 1;
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                b',' => self.pos += 1,
                b'"' => {
                    let key = self.string()?;
                    self.skip_whitespace();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.pos += 1;
                    let len = self.path.len();
                    if !self.path.is_empty() {
                        self.path.push('.');
                    }
                    self.path.push_str(&key);
                    self.value(depth + 1)?;
                    self.path.truncate(len);
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        self.pos += 1;
        let mut index = 0usize;
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b']' => {
                    self.pos += 1;
                    return Some(());
                }
                b',' => self.pos += 1,
                _ => {
                    let len = self.path.len();
                    self.path.push_str(&format!("[{index}]"));
                    self.value(depth + 1)?;
                    self.path.truncate(len);
                    index += 1;
                }
            }
        }
    }

    /// A string starting at `pos` (on its opening quote), decoded.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        loop {
            match self.peek()? {
                b'\\' => {
                    escaped = true;
                    self.pos += 2;
                }
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        let raw = self.bytes.get(start..self.pos)?;
        if escaped {
            serde_json::from_slice(raw).ok()
        } else {
            std::str::from_utf8(raw.get(1..raw.len().saturating_sub(1))?).ok().map(str::to_string)
        }
    }
}

/// Start offsets of lines, to turn a byte offset into a line and a character column.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(bytes: &[u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line_column(&self, bytes: &[u8], offset: usize) -> (u64, u64) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let text = bytes.get(start..offset).unwrap_or_default();
        let column = String::from_utf8_lossy(text).chars().count() + 1;
        (line as u64, column as u64)
    }
}

/// The character column of a byte column on a line, for syntax errors that serde_json reports
/// in bytes. Both are 1-based.
pub(crate) fn char_column(bytes: &[u8], line: u64, byte_column: u64) -> u64 {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Some(text) = bytes.split(|&b| b == b'\n').nth(line.saturating_sub(1) as usize) else {
        return byte_column;
    };
    let end = (byte_column.saturating_sub(1) as usize).min(text.len());
    String::from_utf8_lossy(&text[..end]).chars().count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Issue;

    #[test]
    fn finds_nested_fields_and_falls_back_to_the_parent() {
        let text = "{\n  \"a\": [1, {\"名\": \"学校\", \"b\": 2}],\n  \"c\\u0064\": {}\n}";
        let mut issues = vec![
            Issue::error(crate::validate::rules::WRONG_SHAPE, "a[1].b", "", ""),
            Issue::error(crate::validate::rules::WRONG_SHAPE, "a[1].missing", "", ""),
            Issue::error(crate::validate::rules::WRONG_SHAPE, "cd", "", ""),
            Issue::error(crate::validate::rules::WRONG_SHAPE, "", "", ""),
        ];
        add_positions(text.as_bytes(), &mut issues);
        // line 2 is `  "a": [1, {"名": "学校", "b": 2}],`; `2` is its 29th character.
        assert_eq!((issues[0].line, issues[0].column), (Some(2), Some(29)));
        // the `{` of a[1] is the 12th character.
        assert_eq!((issues[1].line, issues[1].column), (Some(2), Some(12)));
        assert_eq!((issues[2].line, issues[2].column), (Some(3), Some(14)));
        assert_eq!(issues[3].line, None);
    }

    #[test]
    fn byte_columns_become_character_columns() {
        // `["学校"` is 9 bytes but 5 characters, so the comma at byte column 10 is character 6.
        assert_eq!(char_column("x\n[\"学校\", ?]".as_bytes(), 2, 10), 6);
    }
}
