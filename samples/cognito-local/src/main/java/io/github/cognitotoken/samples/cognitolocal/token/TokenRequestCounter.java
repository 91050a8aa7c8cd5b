package io.github.cognitotoken.samples.cognitolocal.token;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Counts token responses: Cognito bills each successful one.
 */
@Component
public class TokenRequestCounter {

	private final AtomicLong issued = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final Map<String, AtomicLong> issuedByClient = new ConcurrentHashMap<>();

	void recordIssued(String clientId) {
		this.issued.incrementAndGet();
		this.issuedByClient.computeIfAbsent(clientId, (id) -> new AtomicLong()).incrementAndGet();
	}

	void recordFailed() {
		this.failed.incrementAndGet();
	}

	/**
	 * Return the current counts.
	 * @return the counts
	 */
	public Counts counts() {
		Map<String, Long> byClient = new TreeMap<>();
		this.issuedByClient.forEach((clientId, count) -> byClient.put(clientId, count.get()));
		return new Counts(this.issued.get(), this.failed.get(), byClient);
	}

	/**
	 * Reset both counts to zero.
	 */
	public void reset() {
		this.issued.set(0);
		this.failed.set(0);
		this.issuedByClient.clear();
	}

	/**
	 * Counts of token responses.
	 *
	 * @param issued successful token responses (HTTP 200)
	 * @param failed token requests answered with an error
	 * @param issuedByClient successful token responses by client id
	 */
	public record Counts(long issued, long failed, Map<String, Long> issuedByClient) {

		public Counts {
			issuedByClient = Map.copyOf(issuedByClient);
		}

	}

}
