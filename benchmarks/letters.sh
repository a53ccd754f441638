#!/usr/bin/env bash
# Letters per second (issue 19): 1,000 PDF/A-2u decision letters rendered in-process by the documents bundle
# (LettersBenchmark: one thread, all cores, the 1,000 merged into a print batch; baseline in the same run: the same
# HTML as a plain PDF), printed with the load average. Needs the platform API installed in the local repository
# (mvn install once); extra Maven options pass through, e.g. -Dmaven.repo.local=... or -o.
set -euo pipefail
cd "$(dirname "$0")/.."
# (the baseline's plain PDF uses PDFBox's standard fonts, which log a fallback warning per letter: left out here)
mvn -B -ntp -q "$@" -pl bundles/nl.mantelkring.platform.documents test -Dtest=LettersBenchmark -Dbenchmark=true \
    -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx512m | grep -v 'Using fallback font'
