#!/usr/bin/env bash
# Runs the demo end to end: builds the starter and the two samples with the Maven wrapper,
# starts cognito-local (the local Cognito stand-in) on a free port, runs demo-client
# against it, prints demo-client's report, stops cognito-local and exits with
# demo-client's status (0 when every call succeeded).
#
# Usage: samples/run-demo.sh [--skip-build] [--aot] [-- demo-client arguments...]
#   --skip-build   use the jars already built (./mvnw package from the repository root)
#   --aot          start demo-client from its ahead-of-time processed context (-Dspring.aot.enabled=true)
#   --             pass the remaining arguments to demo-client, e.g. -- --demo.calls=10
#
# Needs only Java 17+ (JAVA_HOME or java on the PATH). Works from any directory.
# RUN_DEMO_STARTUP_TIMEOUT (seconds, default 60) bounds the wait for cognito-local.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root_dir=$(cd -- "$script_dir/.." && pwd -P)
version=0.1.0-SNAPSHOT
cognito_local_jar="$root_dir/samples/cognito-local/target/cognito-local-$version.jar"
demo_client_jar="$root_dir/samples/demo-client/target/demo-client-$version.jar"
startup_timeout=${RUN_DEMO_STARTUP_TIMEOUT:-60}

usage() {
	sed -n '7,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

fail() {
	echo "run-demo: $*" >&2
	exit 1
}

skip_build=false
jvm_args=()
demo_args=()
while (($# > 0)); do
	case "$1" in
		--skip-build) skip_build=true ;;
		--aot) jvm_args=(-Dspring.aot.enabled=true) ;;
		-h | --help) usage; exit 0 ;;
		--) shift; demo_args=("$@"); break ;;
		*) usage >&2; fail "unknown option '$1'" ;;
	esac
	shift
done
[[ "$startup_timeout" =~ ^[1-9][0-9]*$ ]] || fail "RUN_DEMO_STARTUP_TIMEOUT must be a whole number of seconds"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
	java_cmd="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
	java_cmd=$(command -v java)
else
	fail "no Java found: install Java 17 or later, or set JAVA_HOME"
fi

if [[ "$skip_build" == false ]]; then
	echo "Building the starter, cognito-local and demo-client (./mvnw package, tests skipped)..."
	(cd -- "$root_dir" && ./mvnw -B -ntp -q -DskipTests -pl samples/cognito-local,samples/demo-client -am package) \
		|| fail "the build failed"
fi
for jar in "$cognito_local_jar" "$demo_client_jar"; do
	[[ -f "$jar" ]] || fail "$jar is missing: run without --skip-build, or ./mvnw -DskipTests package in $root_dir"
done

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/run-demo.XXXXXX")
port_file="$work_dir/cognito-local.port"
stand_in_log="$work_dir/cognito-local.log"
stand_in_pid=""

stop_stand_in() {
	local status=$?
	trap - EXIT INT TERM
	if [[ -n "$stand_in_pid" ]] && kill -0 "$stand_in_pid" 2>/dev/null; then
		kill "$stand_in_pid" 2>/dev/null || true
		# Give it 15 seconds to shut down gracefully (it deletes its port file), then kill it
		for _ in $(seq 1 150); do
			kill -0 "$stand_in_pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$stand_in_pid" 2>/dev/null; then
			kill -9 "$stand_in_pid" 2>/dev/null || true
		fi
		wait "$stand_in_pid" 2>/dev/null || true
		echo "Stopped cognito-local (pid $stand_in_pid)"
	fi
	rm -rf -- "$work_dir"
	exit "$status"
}
trap stop_stand_in EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_stand_in_log() {
	echo "--- cognito-local log ($stand_in_log) ---" >&2
	tail -n 40 "$stand_in_log" >&2 || true
	echo "---" >&2
}

"$java_cmd" -jar "$cognito_local_jar" --server.port=0 --cognito-local.port-file="$port_file" \
	>"$stand_in_log" 2>&1 </dev/null &
stand_in_pid=$!

# cognito-local writes the port file atomically once it is ready
deadline=$((SECONDS + startup_timeout))
until [[ -s "$port_file" ]]; do
	if ! kill -0 "$stand_in_pid" 2>/dev/null; then
		wait "$stand_in_pid" && stand_in_status=0 || stand_in_status=$?
		stand_in_pid=""
		show_stand_in_log
		fail "cognito-local exited with status $stand_in_status before it was ready"
	fi
	if ((SECONDS >= deadline)); then
		show_stand_in_log
		fail "cognito-local was not ready after ${startup_timeout}s"
	fi
	sleep 0.2
done
port=$(tr -d '[:space:]' <"$port_file")
[[ "$port" =~ ^[0-9]+$ ]] || fail "unexpected content in the port file: '$port'"
echo "Started cognito-local on port $port (pid $stand_in_pid)"
echo "Running $demo_client_jar${jvm_args[*]+ (${jvm_args[*]})}"
echo

demo_status=0
"$java_cmd" ${jvm_args[@]+"${jvm_args[@]}"} -jar "$demo_client_jar" \
	"--cognito.client.token-endpoint=http://localhost:$port/oauth2/token" \
	"--cognito.client.base-url=http://localhost:$port" \
	"--spring.http.serviceclient.billing.base-url=http://localhost:$port" \
	${demo_args[@]+"${demo_args[@]}"} </dev/null || demo_status=$?

echo
if ((demo_status == 0)); then
	echo "demo-client succeeded"
else
	echo "demo-client failed with exit status $demo_status" >&2
fi
exit "$demo_status"
