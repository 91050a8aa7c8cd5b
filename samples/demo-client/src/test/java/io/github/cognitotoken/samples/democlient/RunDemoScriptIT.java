package io.github.cognitotoken.samples.democlient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code samples/run-demo.sh --skip-build} the way a user does, against the jars
 * that this build has just packaged.
 */
class RunDemoScriptIT {

	private static final long TIMEOUT_SECONDS = 600;

	/**
	 * How long the script waits for cognito-local: more than its default of 60 s, which a
	 * busy machine can exceed. What is tested here is the script, not how fast the
	 * machine is.
	 */
	private static final String STARTUP_TIMEOUT_SECONDS = "300";

	@TempDir
	Path directory;

	@Test
	void runDemoScriptPrintsTheReportWithFiveSuccessfulCallsAndOneTokenRequestAndExitsWithZero() throws Exception {
		Result result = runDemo();
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("Cognito token demo")
			.containsPattern("token endpoint  http://localhost:\\d+/oauth2/token")
			.contains("  call 1          200 OK\n")
			.contains("  call 2          200 OK\n")
			.contains("  call 3          200 OK\n")
			.contains("  call 4          200 OK\n")
			.contains("  call 5          200 OK\n")
			.doesNotContain("  call 6")
			.containsPattern("API             GET http://localhost:\\d+/api/invoices \\(client billing, scope "
					+ "billing/read, @HttpExchange group billing\\)")
			.contains("  token requests  2 (2 issued, 0 failed; counted by cognito-local since it started)\n")
			.contains("  per client      billing-client 1, demo-client 1 (issued)\n")
			.containsPattern("token expiry    \\S+Z \\(in 1m \\d+s\\)")
			.contains("10 calls, 2 token requests: all succeeded\n")
			.contains("demo-client succeeded")
			.doesNotContain("demo-secret");
	}

	@Test
	void runDemoScriptWithAotStartsTheAheadOfTimeProcessedContextThatFetchesItsTokenAndCallsTheApi() throws Exception {
		// the jar was processed with the port of application.yml; the script's port is
		// bound at run time
		Result result = runDemo("--aot", "--", "--spring.main.log-startup-info=true");
		assertThat(result.exitCode()).as(result.output()).isZero();
		Matcher started = Pattern.compile("Started cognito-local on port (\\d+)").matcher(result.output());
		assertThat(started.find()).as(result.output()).isTrue();
		assertThat(result.output()).contains(".jar (-Dspring.aot.enabled=true)\n")
			.contains("Starting AOT-processed DemoClientApplication")
			.contains("  token endpoint  http://localhost:" + started.group(1) + "/oauth2/token\n")
			.contains("  call 1          200 OK\n")
			.contains("  call 5          200 OK\n")
			.contains("  token requests  2 (2 issued, 0 failed; counted by cognito-local since it started)\n")
			.contains("  per client      billing-client 1, demo-client 1 (issued)\n")
			.contains("  token claim     client_metadata {\"tenant\":\"acme\"}\n")
			.contains("10 calls, 2 token requests: all succeeded\n")
			.contains("demo-client succeeded")
			.doesNotContain("demo-secret");
	}

	@Test
	void runDemoScriptRunsTheDemoClientJarThatPackageProduced() throws Exception {
		Path packaged = Path.of(TestJars.demoClientJar()).toRealPath();
		Result result = runDemo();
		assertThat(result.output()).contains("Running " + packaged + "\n");
		assertThat(packaged).isRegularFile();
	}

	@Test
	void runDemoScriptStopsTheStandInAndRemovesItsTemporaryDirectory() throws Exception {
		Result result = runDemo();
		Matcher started = Pattern.compile("Started cognito-local on port (\\d+) \\(pid (\\d+)\\)")
			.matcher(result.output());
		assertThat(started.find()).as(result.output()).isTrue();
		long pid = Long.parseLong(started.group(2));
		assertThat(result.output()).contains("Stopped cognito-local (pid " + pid + ")");
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("cognito-local process").isEmpty();
		try (var leftovers = Files.list(this.directory)) {
			assertThat(leftovers.filter((path) -> path.getFileName().toString().startsWith("run-demo.")))
				.as("temporary directories left in TMPDIR")
				.isEmpty();
		}
	}

	@Test
	void runDemoScriptExitsWithTheDemoClientsNonZeroStatusWhenTheTokenCannotBeObtained() throws Exception {
		String wrongSecret = "not-the-demo-client-secret";
		Result result = runDemo("--", "--cognito.client.client-secret=" + wrongSecret, "--demo.calls=2");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		assertThat(result.output()).contains("  call 1          failed: no access token (invalid_client, HTTP 400)")
			.contains("demo-client failed with exit status 1")
			.contains("Stopped cognito-local")
			.doesNotContain(wrongSecret);
	}

	private Result runDemo(String... extraArguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("bash", TestJars.runDemoScript(), "--skip-build"));
		command.addAll(List.of(extraArguments));
		Path output = this.directory.resolve("script-output.txt");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			// Any directory: the script finds the repository from its own location
			.directory(this.directory.toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().put("TMPDIR", this.directory.toString());
		builder.environment().put("RUN_DEMO_STARTUP_TIMEOUT", STARTUP_TIMEOUT_SECONDS);
		Process process = builder.start();
		process.getOutputStream().close();
		if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			throw new AssertionError("run-demo.sh did not finish in " + TIMEOUT_SECONDS + "s:\n"
					+ Files.readString(output, StandardCharsets.UTF_8));
		}
		return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String output) {

	}

}
