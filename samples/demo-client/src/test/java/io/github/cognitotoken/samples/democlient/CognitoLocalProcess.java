package io.github.cognitotoken.samples.democlient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged cognito-local jar, started as a separate process on a free port, the way
 * {@code samples/run-demo.sh} starts it.
 */
final class CognitoLocalProcess implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final Process process;

	private final Path log;

	private final int port;

	private final HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private CognitoLocalProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Start cognito-local and wait until it has written its port file.
	 * @param directory where to put the port file and the log
	 * @return the running stand-in
	 * @throws Exception if it does not start
	 */
	static CognitoLocalProcess start(Path directory) throws Exception {
		Path jar = Path.of(TestJars.cognitoLocalJar());
		assertThat(jar).as("cognito-local jar (built before demo-client in the reactor)").isRegularFile();
		Path portFile = directory.resolve("cognito-local.port");
		Path log = directory.resolve("cognito-local.log");
		List<String> command = new ArrayList<>(List.of(TestJars.java(), "-jar", jar.toString(), "--server.port=0",
				"--cognito-local.port-file=" + portFile));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (!isReady(portFile)) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new IllegalStateException("cognito-local did not start (exit status "
						+ (process.isAlive() ? "none" : process.exitValue()) + "):\n" + Files.readString(log));
			}
			Thread.sleep(100);
		}
		return new CognitoLocalProcess(process, log, Integer.parseInt(Files.readString(portFile).trim()));
	}

	private static boolean isReady(Path portFile) throws IOException {
		return Files.isRegularFile(portFile) && !Files.readString(portFile).isBlank();
	}

	int port() {
		return this.port;
	}

	String tokenEndpoint() {
		return "http://localhost:" + this.port + "/oauth2/token";
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/**
	 * Return the stand-in's counts from {@code GET /admin/token-requests}.
	 * @return the counts
	 * @throws Exception if they cannot be read
	 */
	TokenRequestCounts tokenRequests() throws Exception {
		HttpResponse<String> response = this.httpClient.send(
				HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/token-requests")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return jsonMapper.readValue(response.body(), TokenRequestCounts.class);
	}

	/**
	 * Reset the stand-in's counts with {@code DELETE /admin/token-requests}.
	 * @throws Exception if they cannot be reset
	 */
	void resetTokenRequests() throws Exception {
		HttpResponse<Void> response = this.httpClient.send(
				HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/token-requests")).DELETE().build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(tokenRequests()).isEqualTo(new TokenRequestCounts(0, 0));
	}

	/**
	 * Return what the stand-in has logged so far.
	 * @return the log
	 * @throws IOException if it cannot be read
	 */
	String log() throws IOException {
		return Files.readString(this.log, StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

}
