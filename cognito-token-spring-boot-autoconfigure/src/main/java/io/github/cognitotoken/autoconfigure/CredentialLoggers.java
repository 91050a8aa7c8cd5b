package io.github.cognitotoken.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

/**
 * Finds the third-party loggers, enabled at startup, that print the Basic credentials of
 * the token request, its response with the access token, or the {@code Authorization:
 * Bearer} header of API calls, and warns about them once, naming the loggers and never
 * what they print. The list is what {@code ThirdPartyLoggingTests} measures for the HTTP
 * clients Spring Boot supports.
 *
 * @author cognito-token contributors
 */
final class CredentialLoggers {

	private static final Log logger = LogFactory.getLog(CredentialLoggers.class);

	/**
	 * Loggers that print credentials or tokens at DEBUG.
	 */
	static final List<String> DEBUG_LOGGERS = List.of("org.apache.hc.client5.http.headers",
			"org.apache.hc.client5.http.wire", "org.eclipse.jetty.client.transport.HttpSender",
			"org.eclipse.jetty.http.HttpGenerator");

	/**
	 * The {@code HttpURLConnection} logger ({@code java.util.logging}, at {@code FINE}).
	 */
	static final String URL_CONNECTION_LOGGER = "sun.net.www.protocol.http.HttpURLConnection";

	/**
	 * WebClient's exchange logger, which prints request headers at TRACE when request
	 * details may be logged.
	 */
	static final String EXCHANGE_FUNCTIONS_LOGGER = "org.springframework.web.reactive.function.client.ExchangeFunctions";

	private static final String LOG_REQUEST_DETAILS = "spring.http.codecs.log-request-details";

	private static final String JDK_HTTP_CLIENT_LOG = "jdk.httpclient.HttpClient.log";

	private CredentialLoggers() {
	}

	/**
	 * Return a description of each enabled logger that prints credentials or tokens.
	 * @param environment the environment, for Spring and JDK settings
	 * @return the enabled loggers, empty when there are none
	 */
	static List<String> enabled(Environment environment) {
		List<String> enabled = new ArrayList<>();
		for (String name : DEBUG_LOGGERS) {
			if (LogFactory.getLog(name).isDebugEnabled()) {
				enabled.add(name);
			}
		}
		if (java.util.logging.Logger.getLogger(URL_CONNECTION_LOGGER).isLoggable(java.util.logging.Level.FINE)) {
			enabled.add(URL_CONNECTION_LOGGER);
		}
		if (LogFactory.getLog(EXCHANGE_FUNCTIONS_LOGGER).isTraceEnabled()
				&& environment.getProperty(LOG_REQUEST_DETAILS, Boolean.class, false)) {
			enabled.add(EXCHANGE_FUNCTIONS_LOGGER + " (with " + LOG_REQUEST_DETAILS + "=true)");
		}
		String jdkLog = environment.getProperty(JDK_HTTP_CLIENT_LOG);
		if (jdkLog != null) {
			String levels = jdkLog.toLowerCase(Locale.ROOT);
			if (levels.contains("headers") || levels.contains("all")) {
				enabled.add("the JDK HttpClient's log (" + JDK_HTTP_CLIENT_LOG + "=" + jdkLog + ")");
			}
		}
		return enabled;
	}

	/**
	 * Log one warning when a logger that prints credentials or tokens is enabled.
	 * @param environment the environment
	 */
	static void warnIfEnabled(Environment environment) {
		List<String> enabled = enabled(environment);
		if (!enabled.isEmpty()) {
			logger.warn("These loggers print the Cognito client's Basic credentials, its access tokens or the "
					+ "Authorization headers that carry them: " + String.join(", ", enabled)
					+ ". Lower them to INFO outside a debugging session.");
		}
	}

}
