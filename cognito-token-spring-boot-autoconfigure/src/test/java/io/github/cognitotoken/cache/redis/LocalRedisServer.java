package io.github.cognitotoken.cache.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A {@code redis-server} process of the tests' own, on a free loopback port, without
 * persistence. Tests that need one are skipped when no {@code redis-server} is on the
 * PATH.
 */
public final class LocalRedisServer implements AutoCloseable {

	private final Path binary;

	private final int port;

	private @Nullable Process process;

	private LocalRedisServer(Path binary, int port) {
		this.binary = binary;
		this.port = port;
	}

	/**
	 * Start a server, or skip the calling test when {@code redis-server} is not
	 * installed.
	 * @return the running server
	 */
	public static LocalRedisServer startOrSkip() {
		Path binary = findBinary();
		Assumptions.assumeTrue(binary != null,
				"redis-server is not on the PATH: skipping the tests that need a real Redis server "
						+ "(install it with 'apt-get install redis-server')");
		LocalRedisServer server = new LocalRedisServer(binary, freePort());
		server.start();
		return server;
	}

	static @Nullable Path findBinary() {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "redis-server");
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Start the server on its port and wait until it answers PING.
	 */
	public synchronized void start() {
		if (this.process != null) {
			return;
		}
		ProcessBuilder builder = new ProcessBuilder(this.binary.toString(), "--port", String.valueOf(this.port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
		builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.binary, ex);
		}
		Process started = this.process;
		Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!"+PONG".equals(command("PING"))) {
			if (!started.isAlive()) {
				throw new IllegalStateException("redis-server exited with " + started.exitValue());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("redis-server did not answer PING on port " + this.port);
			}
			sleep(50);
		}
	}

	/**
	 * Stop the server and wait until it has exited.
	 */
	public synchronized void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		this.process = null;
		running.destroy();
		try {
			if (!running.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				running.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Delete every key.
	 */
	public void flushAll() {
		String reply = command("FLUSHALL");
		if (!"+OK".equals(reply)) {
			throw new IllegalStateException("FLUSHALL failed: " + reply);
		}
	}

	/**
	 * Return a started connection factory for this server, with a command timeout that a
	 * busy machine does not reach.
	 * @return the connection factory; destroy it after use
	 */
	public LettuceConnectionFactory connectionFactory() {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofSeconds(10))
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.port), client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/**
	 * Send one command and return the first line of the reply, or {@code null} when the
	 * server does not answer.
	 * @param arguments the command and its arguments
	 * @return the reply line
	 */
	public @Nullable String command(String... arguments) {
		return command(Duration.ofSeconds(10), arguments);
	}

	/**
	 * Send one command and return the first line of the reply, or {@code null} when the
	 * server does not answer within the timeout.
	 * @param timeout how long to wait for the reply
	 * @param arguments the command and its arguments
	 * @return the reply line
	 */
	public @Nullable String command(Duration timeout, String... arguments) {
		StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
		for (String argument : List.of(arguments)) {
			request.append('$')
				.append(argument.getBytes(StandardCharsets.UTF_8).length)
				.append("\r\n")
				.append(argument)
				.append("\r\n");
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 5000);
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream output = socket.getOutputStream();
			output.write(request.toString().getBytes(StandardCharsets.UTF_8));
			output.flush();
			InputStream input = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = input.read()) != -1 && c != '\r') {
				line.append((char) c);
			}
			return line.toString();
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
