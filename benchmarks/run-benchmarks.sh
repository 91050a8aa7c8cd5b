#!/usr/bin/env bash
# Runs every benchmark of cognito-token side by side with Spring Security's
# client-credentials support and writes the report (docs/benchmarks.md by default) and
# its charts (PNG files in a directory named benchmarks/ beside the report).
#
# Usage: benchmarks/run-benchmarks.sh [--quick] [report-file]
#
# The full run takes about 13 minutes on a 2-core machine: it builds the benchmarks
# module, then runs the JMH benchmarks (hot path, interceptor, reactive filter, and named
# clients with 1, 10 and 100 clients by attribute, group and host: 1 fork, 3 x 1 s
# warm-up, 5 x 1 s measurement, -prof gc), the stampede (1, 8, 64, 256 threads)
# and the reactive stampede (1, 10, 100, 1000 subscribers, 5 repetitions each), the
# renewal boundary (16 threads, 2 + 12 s), startup (3 applications, 1 + 10 launches
# each, in their own JVMs) and end to end (RestClient at 1 and 16 threads, 5 s warm-up
# and 5 turns of 3 s per contender). Run it on a quiet machine: the report records the
# load average and says when the load exceeded the CPUs.
#
# --quick: every part with shorter measurements and fewer repetitions (about 6
# minutes), written to benchmarks/target/quick/benchmarks.md unless a report file is
# given; the report says that its numbers are indicative only.
#
# Only 127.0.0.1 is contacted.
#
# BENCHMARKS_COGNITO_PROPERTIES: optional comma-separated name=value properties added to
# cognito-token's application context in the renewal benchmark (for example an option
# that is not on by default).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=()
default_report="$root/docs/benchmarks.md"
if [[ "${1:-}" == "--quick" ]]; then
	mode=(--quick)
	default_report="$root/benchmarks/target/quick/benchmarks.md"
	shift
fi
if [[ $# -gt 1 || "${1:-}" == -* ]]; then
	echo "Usage: benchmarks/run-benchmarks.sh [--quick] [report-file]" >&2
	exit 2
fi
report="$(realpath -m "${1:-$default_report}")"
cd "$root"

if [[ -n "${JAVA_HOME:-}" ]]; then
	java="$JAVA_HOME/bin/java"
else
	java="java"
fi

echo "[benchmarks] Building the benchmarks module"
# build-classpath writes each module's runtime classpath to its own target/classpath.txt
./mvnw -B -ntp -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
	-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

environment="$(mktemp)"
trap 'rm -f "$environment"' EXIT
{
	cpu="$(grep -m1 -E '^(model name|Model|cpu model)' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
	memory="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1024 / 1024 }' /proc/meminfo 2>/dev/null)"
	commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	if [[ -n "$(git status --porcelain 2>/dev/null)" ]]; then
		commit="$commit (with uncommitted changes)"
	fi
	echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- Commit: $commit"
	echo "- Machine: $(nproc) CPUs (\`nproc\`), ${memory:-unknown memory}, CPU model: ${cpu:-unknown}"
	echo "- Load average when the run started (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" \
		"(other processes may share the machine)"
	echo "- Benchmark JVM options: \`-Xms1g -Xmx1g\`, default GC"
	echo "- JDK (\`java -version\`):"
	echo
	echo '```'
	"$java" -version 2>&1
	echo '```'
} >"$environment"

echo "[benchmarks] Running ${mode[*]:-the full suite} (see the duration above)"
"$java" -Xms1g -Xmx1g -Djava.awt.headless=true -cp "$classpath" \
	-Dbenchmarks.cognito-properties="${BENCHMARKS_COGNITO_PROPERTIES:-}" \
	io.github.cognitotoken.benchmarks.BenchmarkSuite "${mode[@]}" --output "$report" --environment "$environment"
