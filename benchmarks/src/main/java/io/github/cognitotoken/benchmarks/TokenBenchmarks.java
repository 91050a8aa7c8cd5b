package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.cognitotoken.CognitoTokenManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Hot path: return the cached, valid token. {@link CognitoTokenManager#getToken()}
 * against Spring Security's {@code authorizedClientManager.authorize(request)} with a
 * reused authorize request for a fixed principal. Each contender fetches its first token
 * from a local token endpoint in the setup; the tear-down fails the trial if any token
 * request was made while measuring, so the numbers are those of the cached path only.
 *
 * @author cognito-token contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenBenchmarks {

	private TokenEndpointStub endpoint;

	private CognitoTokenManager cognito;

	private Contenders.SpringSecurity springSecurity;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.endpoint = TokenEndpointStub.start(Duration.ZERO, Duration.ofHours(1));
		this.cognito = Contenders.cognitoTokenManager(this.endpoint.getTokenUri(), Clock.systemUTC(),
				CognitoTokenManager.DEFAULT_CLOCK_SKEW);
		this.springSecurity = Contenders.springSecurity(this.endpoint.getTokenUri(), Duration.ofSeconds(60));
		this.cognito.getToken();
		this.springSecurity.getToken();
		this.endpoint.resetRequestCount();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		int requests = this.endpoint.getRequestCount();
		this.cognito.stop();
		this.endpoint.close();
		if (requests != 0) {
			throw new IllegalStateException(requests + " token requests while measuring: not the cached path");
		}
	}

	@Benchmark
	public String cognitoGetToken() {
		return this.cognito.getToken();
	}

	@Benchmark
	public String springSecurityAuthorize() {
		return this.springSecurity.getToken();
	}

}
