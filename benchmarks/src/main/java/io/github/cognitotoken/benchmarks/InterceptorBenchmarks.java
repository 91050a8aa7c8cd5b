package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.http.CognitoBearerTokenInterceptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;

/**
 * Interceptor overhead: one request through {@link CognitoBearerTokenInterceptor} and
 * through Spring Security's {@link OAuth2ClientHttpRequestInterceptor}, each with a
 * cached token, a reused request and a {@link StubExecution} (no I/O). The baseline sets
 * a precomputed {@code Authorization} header itself and calls the same stub: it is the
 * floor that any interceptor pays for putting the header into {@link HttpHeaders} and for
 * the stub, so "overhead beyond the header" is a contender's result minus the baseline.
 *
 * @author cognito-token contributors
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InterceptorBenchmarks {

	private static final byte[] BODY = new byte[0];

	private TokenEndpointStub endpoint;

	private CognitoTokenManager cognitoManager;

	private CognitoBearerTokenInterceptor cognito;

	private OAuth2ClientHttpRequestInterceptor springSecurity;

	private String precomputedHeader;

	private BenchmarkHttpRequest request;

	private StubExecution execution;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.endpoint = TokenEndpointStub.start(Duration.ZERO, Duration.ofHours(1));
		this.cognitoManager = Contenders.cognitoTokenManager(this.endpoint.getTokenUri(), Clock.systemUTC(),
				CognitoTokenManager.DEFAULT_CLOCK_SKEW);
		this.cognito = Contenders.cognitoInterceptor(this.cognitoManager);
		this.springSecurity = Contenders.springSecurity(this.endpoint.getTokenUri(), Duration.ofSeconds(60))
			.interceptor();
		this.request = new BenchmarkHttpRequest();
		this.execution = new StubExecution();
		this.precomputedHeader = this.cognitoManager.getAccessToken().getAuthorizationHeaderValue();
		try {
			// Fetch the first token of each contender before measuring
			this.cognito.intercept(this.request, BODY, this.execution);
			this.springSecurity.intercept(this.request, BODY, this.execution);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.endpoint.resetRequestCount();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		int requests = this.endpoint.getRequestCount();
		this.cognitoManager.stop();
		this.endpoint.close();
		if (requests != 0) {
			throw new IllegalStateException(requests + " token requests while measuring: not the cached path");
		}
		if (this.execution.getAuthorizedRequests() == 0) {
			throw new IllegalStateException("No request reached the execution");
		}
	}

	@Benchmark
	public ClientHttpResponse baselineHeaderOnly() throws IOException {
		this.request.getHeaders().set(HttpHeaders.AUTHORIZATION, this.precomputedHeader);
		return this.execution.execute(this.request, BODY);
	}

	@Benchmark
	public ClientHttpResponse baselineCheckThenSetHeader() throws IOException {
		HttpHeaders headers = this.request.getHeaders();
		if (!headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
			headers.set(HttpHeaders.AUTHORIZATION, this.precomputedHeader);
		}
		return this.execution.execute(this.request, BODY);
	}

	@Benchmark
	public ClientHttpResponse cognitoInterceptor() throws IOException {
		return this.cognito.intercept(this.request, BODY, this.execution);
	}

	@Benchmark
	public ClientHttpResponse springSecurityInterceptor() throws IOException {
		return this.springSecurity.intercept(this.request, BODY, this.execution);
	}

}
