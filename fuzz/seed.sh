#!/bin/sh
# Builds working corpora for every fuzz target in fuzz/work/<target>/ from the committed
# seeds (fuzz/corpus/<target>/, fuzz/corpus/eval/ for all), the saved regressions, the
# repository's queries (queries/*.kql) and the golden tests (tests/golden/**/*.kql).
# fuzz/work/ is scratch: libFuzzer adds the inputs it finds there; it is not committed.
set -eu
cd "$(dirname "$0")"
for target in lex parse roundtrip bind eval; do
    dir="work/$target"
    mkdir -p "$dir"
    for src in corpus/parse corpus/eval "corpus/$target" regressions/parse regressions/eval; do
        [ -d "$src" ] || continue
        for f in "$src"/*; do
            [ -f "$f" ] && cp "$f" "$dir/seed_$(basename "$src")_$(basename "$f")"
        done
    done
    find ../queries ../tests/golden -name '*.kql' | while read -r f; do
        name=$(echo "$f" | sed 's|^\.\./||; s|/|_|g')
        cp "$f" "$dir/seed_$name"
    done
done
echo "seeded: $(ls work/parse | wc -l) inputs per target in fuzz/work/"
