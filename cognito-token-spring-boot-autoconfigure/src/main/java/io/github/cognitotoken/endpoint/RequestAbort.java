package io.github.cognitotoken.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * How to abort one token request, chosen by the type of its {@link ClientHttpRequest}:
 * closing its connection, not just giving up waiting, so that no thread stays blocked and
 * no response body is drained.
 * <ul>
 * <li>Apache HttpClient 5: {@code cancel()} the request ({@code HttpUriRequestBase} is
 * {@code Cancellable}), which closes the connection immediately, while waiting for the
 * response as well as while its body is read. Its blocking socket I/O ignores interrupts,
 * and closing its response reads the body to its end.</li>
 * <li>{@code HttpURLConnection} ({@code simple}): {@code disconnect()}, which closes the
 * socket of a request that waits for its response. While the body is read,
 * {@code disconnect()} first waits for the reading thread's lock on the stream, so only
 * the reading thread aborts: it checks the deadline after each read, and the read timeout
 * bounds a single read.</li>
 * <li>Every other client (JDK {@code HttpClient}, Jetty, Reactor Netty, and factories
 * this class does not know): interrupt the thread while it waits for the response (JDK
 * and Jetty wait on a future, Reactor in {@code block()}, which cancels the exchange) and
 * close the body stream while it is read (which cancels the exchange of these three). For
 * an unknown factory this is a best effort.</li>
 * </ul>
 * The Apache request and the {@code HttpURLConnection} are private fields of Spring
 * Framework's request classes, read by reflection; when they cannot be read, the
 * interrupt-and-close strategy applies.
 *
 * @author cognito-token contributors
 */
abstract class RequestAbort {

	static final String APACHE_REQUEST_CLASS = "org.springframework.http.client.HttpComponentsClientHttpRequest";

	static final String SIMPLE_REQUEST_CLASS = "org.springframework.http.client.SimpleClientHttpRequest";

	static final String APACHE_REQUEST_FIELD = "httpRequest";

	static final String SIMPLE_CONNECTION_FIELD = "connection";

	private static final Log logger = LogFactory.getLog(RequestAbort.class);

	private static final @Nullable Field apacheRequestField = field(APACHE_REQUEST_CLASS, APACHE_REQUEST_FIELD);

	private static final @Nullable Field simpleConnectionField = field(SIMPLE_REQUEST_CLASS, SIMPLE_CONNECTION_FIELD);

	/**
	 * Abort the exchange while the request thread waits for the status line and headers.
	 * Called from the deadline's thread.
	 * @param requestThread the thread that executes the request
	 * @return whether the request thread was interrupted
	 */
	abstract boolean abortExchange(Thread requestThread);

	/**
	 * Abort the exchange while the request thread reads the body. Called from the
	 * deadline's thread.
	 * @param body the body being read
	 * @return whether the exchange was aborted; if not, the request thread aborts it
	 * after its current read
	 */
	abstract boolean abortBody(InputStream body);

	/**
	 * Abort the exchange from the request thread, which stopped reading the body before
	 * its end (too large, or past the deadline), instead of closing the response, which
	 * may read the rest of the body.
	 * @param body the body that was being read
	 */
	abstract void abortOwnBody(InputStream body);

	static RequestAbort of(ClientHttpRequest request) {
		String type = request.getClass().getName();
		if (type.equals(APACHE_REQUEST_CLASS) && apacheRequestField != null) {
			Object httpRequest = ReflectionUtils.getField(apacheRequestField, request);
			if (httpRequest != null && ApacheCancel.isCancellable(httpRequest)) {
				return new ApacheCancel(httpRequest);
			}
		}
		if (type.equals(SIMPLE_REQUEST_CLASS) && simpleConnectionField != null) {
			Object connection = ReflectionUtils.getField(simpleConnectionField, request);
			if (connection instanceof HttpURLConnection httpUrlConnection) {
				return new Disconnect(httpUrlConnection);
			}
		}
		return new InterruptAndClose();
	}

	private static @Nullable Field field(String className, String fieldName) {
		try {
			Class<?> type = ClassUtils.forName(className, RequestAbort.class.getClassLoader());
			Field field = ReflectionUtils.findField(type, fieldName);
			if (field != null) {
				ReflectionUtils.makeAccessible(field);
			}
			return field;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
		catch (RuntimeException ex) {
			logger.debug("Cannot read " + className + "." + fieldName
					+ "; token requests past their deadline are interrupted instead of aborted", ex);
			return null;
		}
	}

	static void closeQuietly(InputStream body) {
		try {
			body.close();
		}
		catch (IOException | RuntimeException ex) {
			// aborting: the exchange fails either way
		}
	}

	/**
	 * Cancels an Apache HttpClient 5 request, which closes its connection at once.
	 */
	private static final class ApacheCancel extends RequestAbort {

		private final org.apache.hc.core5.concurrent.Cancellable request;

		ApacheCancel(Object request) {
			this.request = (org.apache.hc.core5.concurrent.Cancellable) request;
		}

		static boolean isCancellable(Object request) {
			// only reached with Spring's Apache request class, so Apache is present
			return request instanceof org.apache.hc.core5.concurrent.Cancellable;
		}

		@Override
		boolean abortExchange(Thread requestThread) {
			this.request.cancel();
			return false;
		}

		@Override
		boolean abortBody(InputStream body) {
			this.request.cancel();
			return true;
		}

		@Override
		void abortOwnBody(InputStream body) {
			this.request.cancel();
		}

	}

	/**
	 * Disconnects an {@link HttpURLConnection}, which closes its socket.
	 */
	private static final class Disconnect extends RequestAbort {

		private final HttpURLConnection connection;

		Disconnect(HttpURLConnection connection) {
			this.connection = connection;
		}

		@Override
		boolean abortExchange(Thread requestThread) {
			this.connection.disconnect();
			return false;
		}

		@Override
		boolean abortBody(InputStream body) {
			// disconnect() would wait for the reading thread's lock on the stream: the
			// reading thread aborts after its current read
			return false;
		}

		@Override
		void abortOwnBody(InputStream body) {
			this.connection.disconnect();
		}

	}

	/**
	 * Interrupts the waiting thread and closes the body stream.
	 */
	private static final class InterruptAndClose extends RequestAbort {

		@Override
		boolean abortExchange(Thread requestThread) {
			requestThread.interrupt();
			return true;
		}

		@Override
		boolean abortBody(InputStream body) {
			closeQuietly(body);
			return true;
		}

		@Override
		void abortOwnBody(InputStream body) {
			closeQuietly(body);
		}

	}

}
