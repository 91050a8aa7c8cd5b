#!/usr/bin/env bash
# Runs every benchmark of cognito-token side by side with Spring Security's
# client-credentials support and writes the report (docs/benchmarks.md by default).
#
# Usage: benchmarks/run-benchmarks.sh [report-file]
#
# Takes a few minutes on a 2-core machine: builds the benchmarks module, runs the JMH
# benchmarks (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement, -prof gc), the stampede
# harness (1, 8, 64, 256 threads, 5 repetitions) and the renewal harness (16 threads,
# 2 x 14 s). Only 127.0.0.1 is contacted.
#
# BENCHMARKS_COGNITO_PROPERTIES: optional comma-separated name=value properties added to
# cognito-token's application context in the renewal benchmark (for example an option
# that is not on by default).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="$(realpath -m "${1:-$root/docs/benchmarks.md}")"
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

echo "[benchmarks] Running (a few minutes)"
"$java" -Xms1g -Xmx1g -cp "$classpath" \
	-Dbenchmarks.cognito-properties="${BENCHMARKS_COGNITO_PROPERTIES:-}" \
	io.github.cognitotoken.benchmarks.BenchmarkSuite --output "$report" --environment "$environment"
