//! `parse_command_line(command_line, parser)` (q/parse-command-line-function.md): splits a
//! Windows command line into its arguments, with the rules of `CommandLineToArgvW`.

use super::def;
use super::kernel::{arg, map1, strs, ODyn};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, ArgType, ReturnType, ScalarFunction};
use crate::types::DataType;
use crate::value::Value;

/// The arguments of a Windows command line: whitespace separates arguments; double quotes
/// group (and `""` inside quotes is a literal quote); `2n` backslashes before a quote give
/// `n` backslashes and the quote toggles grouping, `2n+1` give `n` backslashes and a
/// literal quote; other backslashes are literal.
pub(crate) fn split_windows(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut in_arg = false;
    let mut quoted = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' if !quoted => {
                if in_arg {
                    args.push(std::mem::take(&mut cur));
                    in_arg = false;
                }
                i += 1;
            }
            '\\' => {
                let start = i;
                while i < chars.len() && chars[i] == '\\' {
                    i += 1;
                }
                let n = i - start;
                in_arg = true;
                if chars.get(i) == Some(&'"') {
                    cur.extend(std::iter::repeat_n('\\', n / 2));
                    if n % 2 == 1 {
                        cur.push('"');
                        i += 1;
                    }
                } else {
                    cur.extend(std::iter::repeat_n('\\', n));
                }
            }
            '"' => {
                in_arg = true;
                if quoted && chars.get(i + 1) == Some(&'"') {
                    cur.push('"');
                    i += 2;
                } else {
                    quoted = !quoted;
                    i += 1;
                }
            }
            _ => {
                in_arg = true;
                cur.push(c);
                i += 1;
            }
        }
    }
    if in_arg {
        args.push(cur);
    }
    args
}

pub(super) fn functions() -> Vec<ScalarFunction> {
    vec![def(
        "parse_command_line",
        sig![
            a("command_line", ArgType::String),
            a("parser", ArgType::String)
        ],
        ReturnType::Fixed(DataType::Dynamic),
        |args, ctx| {
            match arg(args, 1)? {
                ColumnarValue::Scalar(Value::String(p)) if p.eq_ignore_ascii_case("windows") => {}
                _ => {
                    return Err(EvalError::invalid_argument(
                        "parse_command_line",
                        "the only supported parser is \"windows\"",
                    ))
                }
            }
            let lines = strs(arg(args, 0)?)?;
            Ok(map1::<ODyn, _>(ctx, &lines, |s| {
                Dynamic::Array(split_windows(s).into_iter().map(Dynamic::String).collect())
            }))
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_example() {
        // q/parse-command-line-function.md
        assert_eq!(
            split_windows(r#"echo "hello world!" print$?"#),
            ["echo", "hello world!", "print$?"]
        );
    }

    #[test]
    fn backslashes_and_quotes() {
        assert_eq!(split_windows(r#"a\\\"b c"#), [r#"a\"b"#, "c"]);
        assert_eq!(split_windows(r#""a\\" b"#), [r#"a\"#, "b"]);
        assert_eq!(
            split_windows(r#"C:\dir\x.exe  -f"#),
            [r#"C:\dir\x.exe"#, "-f"]
        );
        assert_eq!(split_windows(r#""say ""hi""""#), [r#"say "hi""#]);
        assert_eq!(split_windows(r#""" x"#), ["", "x"]);
        assert!(split_windows("   ").is_empty());
    }
}
