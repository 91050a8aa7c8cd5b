package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A token endpoint on 127.0.0.1 (JDK {@link HttpServer}, ephemeral port) that answers
 * every request with a client-credentials token response after a fixed latency, and
 * counts the requests it receives. Every response carries a different JWT-sized token.
 *
 * @author cognito-token contributors
 */
public final class TokenEndpointStub implements AutoCloseable {

	/**
	 * Path of the token endpoint.
	 */
	public static final String TOKEN_PATH = "/oauth2/token";

	// Roughly the size of a real Cognito access token (a signed JWT of ~1 KB)
	private static final String TOKEN_PREFIX = "eyJraWQiOiJiZW5jaG1hcmsiLCJhbGciOiJSUzI1NiJ9." + "A".repeat(400) + "."
			+ "B".repeat(520) + "-";

	static {
		// Without TCP_NODELAY, the server's separate writes of headers and body meet the
		// client's delayed ACK and every response takes ~40 ms longer
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final long latencyMillis;

	private final long expiresInSeconds;

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger issued = new AtomicInteger();

	private TokenEndpointStub(Duration latency, Duration expiresIn) throws IOException {
		this.latencyMillis = latency.toMillis();
		this.expiresInSeconds = expiresIn.toSeconds();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		// One thread per concurrent request (bounded by the number of client threads),
		// so that the latency overlaps as it would on a real endpoint
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "token-endpoint-stub");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext(TOKEN_PATH, this::handle);
		this.server.start();
	}

	/**
	 * Start a token endpoint.
	 * @param latency how long each request takes
	 * @param expiresIn the {@code expires_in} of the tokens, whole seconds
	 * @return the running endpoint
	 * @throws IOException if the server cannot be started
	 */
	public static TokenEndpointStub start(Duration latency, Duration expiresIn) throws IOException {
		return new TokenEndpointStub(latency, expiresIn);
	}

	/**
	 * Return the URL of the token endpoint.
	 * @return the token endpoint URL on 127.0.0.1
	 */
	public URI getTokenUri() {
		InetSocketAddress address = this.server.getAddress();
		return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + TOKEN_PATH);
	}

	/**
	 * Return how many token requests were received since the last reset.
	 * @return the request count
	 */
	public int getRequestCount() {
		return this.requests.get();
	}

	/**
	 * Reset the request count to zero.
	 */
	public void resetRequestCount() {
		this.requests.set(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.requests.incrementAndGet();
			try (InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
			}
			if (this.latencyMillis > 0) {
				try {
					Thread.sleep(this.latencyMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			String json = "{\"access_token\":\"" + TOKEN_PREFIX + this.issued.incrementAndGet() + "\",\"expires_in\":"
					+ this.expiresInSeconds + ",\"token_type\":\"Bearer\"}";
			byte[] response = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
