package io.github.cognitotoken.test.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemorySharedTokenStore}.
 */
class InMemorySharedTokenStoreTests {

	private final MovableClock clock = new MovableClock();

	private final InMemorySharedTokenStore store = new InMemorySharedTokenStore(this.clock);

	@Test
	void valueExpiresAfterItsTimeToLive() {
		this.store.put("key", "value", Duration.ofSeconds(10));
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(this.store.get("key")).isEqualTo("value");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.store.get("key")).isNull();
	}

	@Test
	void lockIsExclusiveUntilReleasedByItsOwnerOrExpired() {
		assertThat(this.store.tryLock("lock", "a", Duration.ofSeconds(20))).isTrue();
		assertThat(this.store.tryLock("lock", "b", Duration.ofSeconds(20))).isFalse();
		this.store.unlock("lock", "b");
		assertThat(this.store.tryLock("lock", "b", Duration.ofSeconds(20))).isFalse();
		this.store.unlock("lock", "a");
		assertThat(this.store.tryLock("lock", "b", Duration.ofSeconds(20))).isTrue();
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(this.store.tryLock("lock", "c", Duration.ofSeconds(20))).isTrue();
	}

	static final class MovableClock extends Clock {

		private volatile Instant now = Instant.parse("2030-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
