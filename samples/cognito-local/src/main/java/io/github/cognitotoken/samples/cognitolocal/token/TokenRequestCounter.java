package io.github.cognitotoken.samples.cognitolocal.token;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Counts token responses: Cognito bills each successful one.
 */
@Component
public class TokenRequestCounter {

	private final AtomicLong issued = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	void recordIssued() {
		this.issued.incrementAndGet();
	}

	void recordFailed() {
		this.failed.incrementAndGet();
	}

	/**
	 * Return the current counts.
	 * @return the counts
	 */
	public Counts counts() {
		return new Counts(this.issued.get(), this.failed.get());
	}

	/**
	 * Reset both counts to zero.
	 */
	public void reset() {
		this.issued.set(0);
		this.failed.set(0);
	}

	/**
	 * Counts of token responses.
	 *
	 * @param issued successful token responses (HTTP 200)
	 * @param failed token requests answered with an error
	 */
	public record Counts(long issued, long failed) {

	}

}
