package io.github.cognitotoken.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token endpoint on a raw {@link ServerSocket} (127.0.0.1, a free port) that answers
 * too slowly or too much, and records whether the client closed the connection and how
 * many bytes it had to send.
 */
public final class StallingTokenEndpoint implements AutoCloseable {

	/**
	 * Size of the body of {@link Behaviour#HUGE_BODY}.
	 */
	public static final long HUGE_BODY_SIZE = 100L * 1024 * 1024;

	private static final byte[] HUGE_BLOCK = "a".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);

	private final Behaviour behaviour;

	private final String token;

	private final long intervalMillis;

	private final ServerSocket serverSocket;

	private final Thread acceptor;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger closedByClient = new AtomicInteger();

	private final AtomicLong bodyBytesSent = new AtomicLong();

	private final CountDownLatch firstClose = new CountDownLatch(1);

	private volatile boolean stopped;

	/**
	 * Start a server.
	 * @param behaviour how it answers
	 * @param interval the time between two trickled bytes or chunks
	 * @throws IOException if the server socket cannot be opened
	 */
	public StallingTokenEndpoint(Behaviour behaviour, Duration interval) throws IOException {
		this(behaviour, interval, "unused");
	}

	private StallingTokenEndpoint(Behaviour behaviour, Duration interval, String token) throws IOException {
		this.behaviour = behaviour;
		this.token = token;
		this.intervalMillis = interval.toMillis();
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "stalling-endpoint-accept");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Start a server that answers {@code POST /oauth2/token} with the given token, valid
	 * for an hour, and any other request with {@code 200 ok}, then closes the connection.
	 * @param token the token
	 * @return the server
	 * @throws IOException if the server socket cannot be opened
	 */
	public static StallingTokenEndpoint answering(String token) throws IOException {
		return new StallingTokenEndpoint(Behaviour.ANSWER, Duration.ZERO, token);
	}

	/**
	 * Return the URL of the token endpoint.
	 * @return the URL
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.serverSocket.getLocalPort() + "/oauth2/token");
	}

	/**
	 * Wait until the client closed a connection.
	 * @param timeout the longest wait
	 * @return whether the client closed a connection
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitClientClose(Duration timeout) throws InterruptedException {
		return this.firstClose.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Return how many connections were accepted.
	 * @return the number of connections
	 */
	public int connections() {
		return this.connections.get();
	}

	/**
	 * Return how many connections the client closed.
	 * @return the number of connections closed by the client
	 */
	public int closedByClient() {
		return this.closedByClient.get();
	}

	/**
	 * Return how many body bytes the server wrote before the client closed.
	 * @return the number of body bytes written
	 */
	public long bodyBytesSent() {
		return this.bodyBytesSent.get();
	}

	private void accept() {
		while (!this.stopped) {
			try {
				Socket socket = this.serverSocket.accept();
				this.sockets.add(socket);
				this.connections.incrementAndGet();
				Thread handler = new Thread(() -> handle(socket), "stalling-endpoint-" + this.connections.get());
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void handle(Socket socket) {
		Thread watcher = null;
		try {
			InputStream in = socket.getInputStream();
			String head = readRequestHead(in);
			if (this.behaviour == Behaviour.ANSWER) {
				answer(head, in, socket.getOutputStream());
				// let the client read the answer and close first: closing with unread
				// request bytes would reset the connection
				socket.shutdownOutput();
				socket.setSoTimeout(5000);
				in.transferTo(OutputStream.nullOutputStream());
				return;
			}
			// The rest of what the client sends (the form body) is read until the client
			// closes: end of stream or a reset is the client closing the connection
			watcher = new Thread(() -> awaitEndOfStream(in), "stalling-endpoint-watch");
			watcher.setDaemon(true);
			watcher.start();
			respond(socket.getOutputStream());
		}
		catch (IOException | InterruptedException ex) {
			// the client closed the connection while the server wrote
		}
		finally {
			if (watcher != null) {
				try {
					watcher.join(TimeUnit.SECONDS.toMillis(30));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			closeQuietly(socket);
		}
	}

	private void answer(String head, InputStream in, OutputStream out) throws IOException {
		String contentLength = head.lines()
			.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
			.map((line) -> line.substring("content-length:".length()).trim())
			.findFirst()
			.orElse("0");
		in.readNBytes(Integer.parseInt(contentLength));
		String body = head.startsWith("POST /oauth2/token ")
				? "{\"access_token\":\"" + this.token + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}" : "ok";
		String type = head.startsWith("POST /oauth2/token ") ? "application/json" : "text/plain";
		write(out, "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
				+ "\r\nConnection: close\r\n\r\n" + body);
	}

	private static String readRequestHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		while (matched < end.length) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("request ended early");
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == end[0]) ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private void awaitEndOfStream(InputStream in) {
		try {
			byte[] buffer = new byte[1024];
			while (in.read(buffer) >= 0) {
				// the request body
			}
		}
		catch (IOException ex) {
			// reset by the client
		}
		if (!this.stopped) {
			this.closedByClient.incrementAndGet();
			this.firstClose.countDown();
		}
	}

	private void respond(OutputStream out) throws IOException, InterruptedException {
		switch (this.behaviour) {
			case ANSWER -> throw new IllegalStateException("answered already");
			case TRICKLE_HEADERS -> {
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: ");
				while (this.firstClose.getCount() > 0) {
					pause();
					write(out, "a");
				}
			}
			case TRICKLE_BODY -> {
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n");
				writeBody(out, "{\"access_token\":\"");
				while (this.firstClose.getCount() > 0) {
					pause();
					writeBody(out, "a");
				}
			}
			case ENDLESS_CHUNKED_BODY -> {
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
				writeBody(out, "11\r\n{\"access_token\":\"\r\n");
				while (this.firstClose.getCount() > 0) {
					pause();
					writeBody(out, "4\r\naaaa\r\n");
				}
			}
			case HUGE_BODY -> {
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + HUGE_BODY_SIZE
						+ "\r\n\r\n");
				byte[] start = "{\"access_token\":\"".getBytes(StandardCharsets.US_ASCII);
				out.write(start);
				this.bodyBytesSent.addAndGet(start.length);
				while (this.bodyBytesSent.get() + HUGE_BLOCK.length <= HUGE_BODY_SIZE) {
					out.write(HUGE_BLOCK);
					this.bodyBytesSent.addAndGet(HUGE_BLOCK.length);
				}
				out.flush();
			}
		}
	}

	private void pause() throws InterruptedException {
		Thread.sleep(this.intervalMillis);
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private void writeBody(OutputStream out, String text) throws IOException {
		write(out, text);
		this.bodyBytesSent.addAndGet(text.length());
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing
		}
	}

	@Override
	public void close() throws IOException {
		this.stopped = true;
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
	}

	@Override
	public String toString() {
		return "StallingTokenEndpoint[" + this.behaviour + "]";
	}

	/**
	 * How the server answers a token request.
	 */
	public enum Behaviour {

		/**
		 * Send the status line, then one byte of an endless header per interval.
		 */
		TRICKLE_HEADERS,

		/**
		 * Send complete headers with a large Content-Length, then one body byte per
		 * interval.
		 */
		TRICKLE_BODY,

		/**
		 * Send complete headers of a chunked body, then one small chunk per interval,
		 * forever.
		 */
		ENDLESS_CHUNKED_BODY,

		/**
		 * Send a body of 100 MB as fast as the client takes it.
		 */
		HUGE_BODY,

		/**
		 * Answer at once, see {@link #answering(String)}.
		 */
		ANSWER

	}

}
