package io.github.cognitotoken;

import java.time.Duration;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The log lines of {@link CognitoTokenManager}, under its name. None shows a secret or a
 * token.
 *
 * @author cognito-token contributors
 */
final class CognitoTokenManagerLog {

	private static final Log logger = LogFactory.getLog(CognitoTokenManager.class);

	// Tokens that live less cost many requests a minute: say so once
	private static final Duration SHORT_LIFETIME = Duration.ofMinutes(1);

	private final String description;

	private final Function<CognitoTokenException, @Nullable String> failureAdvice;

	private volatile boolean shortLifetimeLogged;

	CognitoTokenManagerLog(String description, Function<CognitoTokenException, @Nullable String> failureAdvice) {
		this.description = description;
		this.failureAdvice = failureAdvice;
	}

	String description() {
		return this.description;
	}

	static Duration clamp(String name, Duration value, Duration min, Duration max) {
		Duration clamped = (value.compareTo(min) < 0) ? min : (value.compareTo(max) > 0) ? max : value;
		if (!clamped.equals(value)) {
			logger.warn("The Cognito token manager's " + name + " " + value + " is outside " + min + " to " + max
					+ " (fewer token requests, each billed, and no overflow): using " + clamped);
		}
		return clamped;
	}

	void received(CognitoAccessToken token, long renewalMillis) {
		if (token.getLifetime().compareTo(SHORT_LIFETIME) < 0 && !this.shortLifetimeLogged) {
			this.shortLifetimeLogged = true;
			logger.warn("The Cognito access tokens of " + this.description + " live only " + token.getLifetime()
					+ ": each is renewed after about " + Duration.ofMillis(renewalMillis) + ", about "
					+ (60_000 / Math.max(renewalMillis, 1)) + " token requests a minute, each billed. Cognito's "
					+ "access tokens live 5 minutes to 1 day: check the app client's access token validity");
		}
	}

	void obtained(CachedToken cached, int failuresBefore, boolean first, ManagerTime time) {
		CognitoAccessToken token = cached.token();
		if (failuresBefore > 0) {
			logger.info("Obtained a Cognito access token for " + this.description + " after " + failuresBefore
					+ " failed attempt" + ((failuresBefore != 1) ? "s" : "") + "; valid for " + token.getLifetime());
		}
		else if (first) {
			logger.info("Obtained the first Cognito access token for " + this.description + ", valid for "
					+ token.getLifetime() + "; renewal in the background from " + time.wallTime(cached.refreshAt()));
		}
		else if (logger.isDebugEnabled()) {
			logger
				.debug("Obtained a Cognito access token for " + this.description + ", valid for " + token.getLifetime()
						+ " (until " + token.getExpiresAt() + "), renewal at " + time.wallTime(cached.refreshAt()));
		}
	}

	void failed(CognitoTokenException failure, TokenRequestHistory.Failure recorded, @Nullable CachedToken cached,
			long now, ManagerTime time) {
		if (!recorded.logAtWarn() && !logger.isDebugEnabled()) {
			return;
		}
		StringBuilder message = new StringBuilder("Requesting a Cognito access token for ").append(this.description)
			.append(" failed (")
			.append(failure.getErrorTag())
			.append(", attempt ")
			.append(recorded.count())
			.append("): ")
			.append(failure.getMessage())
			.append(". ");
		if (cached != null && cached.isUsable(now)) {
			message.append("The current token stays in use until ")
				.append(time.wallTime(cached.usableUntil(), now))
				.append(". ");
		}
		else {
			message.append("No valid token is held: calls that need one fail until a request succeeds. ");
		}
		if (!failure.isRetryable()) {
			String advice = advice(failure);
			message.append("Retrying cannot help until the configuration changes");
			message.append((advice != null) ? ": " + advice + " " : ". ");
		}
		message.append("Next attempt in ").append(Duration.ofMillis(recorded.delayMillis())).append('.');
		if (!recorded.logAtWarn()) {
			logger.debug(message);
		}
		else if (!failure.isRetryable()) {
			logger.error(message);
		}
		else {
			logger.warn(message);
		}
	}

	private @Nullable String advice(CognitoTokenException failure) {
		try {
			return this.failureAdvice.apply(failure);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	void rejected() {
		logger.info("A resource server rejected the Cognito access token of " + this.description
				+ "; requesting a new one");
	}

	void credentialsChanged(CognitoTokenException failure) {
		logger.info("The credentials of " + this.description + " changed after the token endpoint answered "
				+ failure.getErrorTag() + ": requesting a token again now instead of after the terminal delay");
	}

	void switchedCredentials(CognitoTokenException failure) {
		if (logger.isDebugEnabled()) {
			logger.debug("Requesting a Cognito access token for " + this.description + " failed with "
					+ failure.getErrorTag() + "; the fetcher switched to other credentials, requesting again now");
		}
	}

	void budgetSpent(int maxRequests, Duration period, long refillsAt, @Nullable CachedToken cached, long now,
			ManagerTime time) {
		StringBuilder message = new StringBuilder("The token request budget of ").append(this.description)
			.append(" (")
			.append(maxRequests)
			.append(" requests per ")
			.append(period)
			.append(") is spent: no token request is sent until it refills at ")
			.append(time.wallTime(refillsAt, now))
			.append(". ");
		if (cached != null && cached.isUsable(now)) {
			message.append("The current token stays in use until ")
				.append(time.wallTime(cached.usableUntil(), now))
				.append('.');
		}
		else {
			message.append("No valid token is held: calls that need one fail until then.");
		}
		logger.warn(message);
	}

	void budgetTooSmall(int maxRequests, Duration period, long explained, CachedToken cached) {
		logger.warn("The token request budget of " + this.description + " (" + maxRequests + " requests per " + period
				+ ") is smaller than the " + explained + " requests that renewing tokens valid for "
				+ cached.token().getLifetime() + " can take in that time: the token will expire before the budget "
				+ "refills, and calls that need one will fail until then");
	}

	void forcedRenewalOverBudget(int maxRequests, Duration period) {
		logger.warn("A resource server rejected the Cognito access token of " + this.description
				+ ", but the token request budget (" + maxRequests + " requests per " + period
				+ ") has room for the token's regular renewal only: it stays in use");
	}

	void excessiveRequests(int requests, int failures, Duration period, long explained, Duration lifetime) {
		logger.warn("Too many Cognito token requests for " + this.description + ": " + requests + " in the last "
				+ period + " (" + failures + " failed), more than " + TokenRequestBudget.RATE_WARNING_FACTOR
				+ " times the " + explained + " that tokens valid for " + lifetime
				+ " explain. Each successful one is billed: look for an API that rejects the token (forced "
				+ "renewals), invalidate() calls or a failing token endpoint");
	}

	void recordingFailed(RuntimeException ex) {
		logger.error("Recording the outcome of a Cognito token request failed", ex);
	}

}
