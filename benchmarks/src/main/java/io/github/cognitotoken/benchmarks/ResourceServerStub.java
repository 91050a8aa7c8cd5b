package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A resource server on 127.0.0.1 (JDK {@link HttpServer}, ephemeral port, a fixed pool of
 * handler threads) that answers {@code GET} {@value #API_PATH} with a small JSON body
 * when the request carries {@code Authorization: Bearer ...}, and with 401 otherwise;
 * {@value #PUBLIC_PATH} answers without checking. It counts what it answered.
 *
 * @author cognito-token contributors
 */
public final class ResourceServerStub implements AutoCloseable {

	/**
	 * Path that requires a bearer token.
	 */
	public static final String API_PATH = "/api/orders/42";

	/**
	 * Path that requires nothing.
	 */
	public static final String PUBLIC_PATH = "/public/status";

	private static final byte[] BODY = "{\"id\":42,\"status\":\"shipped\"}".getBytes(StandardCharsets.UTF_8);

	static {
		// As in TokenEndpointStub: no delayed-ACK stalls between headers and body
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final LongAdder authorized = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private ResourceServerStub(int threads) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		AtomicInteger count = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(threads, (runnable) -> {
			Thread thread = new Thread(runnable, "resource-server-stub-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext(API_PATH, (exchange) -> handle(exchange, true));
		this.server.createContext(PUBLIC_PATH, (exchange) -> handle(exchange, false));
		this.server.start();
	}

	/**
	 * Start a resource server.
	 * @param threads how many threads handle requests
	 * @return the running server
	 * @throws IOException if the server cannot be started
	 */
	public static ResourceServerStub start(int threads) throws IOException {
		return new ResourceServerStub(threads);
	}

	/**
	 * Return the URL of the path that requires a bearer token.
	 * @return the URL on 127.0.0.1
	 */
	public URI getApiUri() {
		return getBaseUri().resolve(API_PATH);
	}

	/**
	 * Return the URL of the path that requires nothing.
	 * @return the URL on 127.0.0.1
	 */
	public URI getPublicUri() {
		return getBaseUri().resolve(PUBLIC_PATH);
	}

	/**
	 * Return the base URL, scheme, host and port.
	 * @return the base URL on 127.0.0.1
	 */
	public URI getBaseUri() {
		InetSocketAddress address = this.server.getAddress();
		return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
	}

	/**
	 * Return how many requests were answered with 200.
	 * @return the count
	 */
	public long getAuthorizedCount() {
		return this.authorized.sum();
	}

	/**
	 * Return how many requests were answered with 401 for lack of a bearer token.
	 * @return the count
	 */
	public long getRejectedCount() {
		return this.rejected.sum();
	}

	private void handle(HttpExchange exchange, boolean requireToken) throws IOException {
		try (exchange) {
			try (InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
			}
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (requireToken && (authorization == null || !authorization.startsWith("Bearer "))) {
				this.rejected.increment();
				exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			this.authorized.increment();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, BODY.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(BODY);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
