package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.http.CognitoBearerTokenInterceptor;
import io.github.cognitotoken.http.CognitoClientAttributes;
import io.github.cognitotoken.http.CognitoClientRouter;
import io.github.cognitotoken.http.TargetHostMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.http.client.ClientHttpResponse;

/**
 * What choosing among named clients costs: one request through
 * {@link CognitoBearerTokenInterceptor} with 1, 10 or 100 named clients, the client
 * resolved by request attribute, by HTTP service group or by host, against the
 * single-client interceptor on the same host ({@code singleClient}). Every token is
 * cached; the request goes to the last client, so host routing sees every client's
 * entries. Run with {@code -prof gc} for the allocation.
 *
 * @author cognito-token contributors
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NamedClientBenchmarks {

	private static final byte[] BODY = new byte[0];

	@Param({ "1", "10", "100" })
	public int clients;

	@Param({ "attribute", "group", "host" })
	public String resolution = "host";

	private CognitoBearerTokenInterceptor single;

	private CognitoBearerTokenInterceptor named;

	private BenchmarkHttpRequest singleRequest;

	private BenchmarkHttpRequest namedRequest;

	private StubExecution execution;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		String last = "client-" + (this.clients - 1);
		URI uri = URI.create("https://api-" + (this.clients - 1) + ".example.com/orders/42");
		CognitoClientRouter.Builder router = CognitoClientRouter.builder();
		for (int i = 0; i < this.clients; i++) {
			String name = "client-" + i;
			router.client(name, manager(name), TargetHostMatcher.of(List.of("api-" + i + ".example.com")), true);
			if ("host".equals(this.resolution)) {
				router.routeByHost(name, "cognito.clients." + name + ".target-hosts");
			}
			router.group("group-" + i, name, "cognito.clients." + name + ".http-service-groups");
		}
		CognitoBearerTokenInterceptor interceptor = new CognitoBearerTokenInterceptor(router.build());
		this.named = "group".equals(this.resolution) ? interceptor.forGroup("group-" + (this.clients - 1))
				: interceptor;
		this.namedRequest = new BenchmarkHttpRequest(uri);
		if ("attribute".equals(this.resolution)) {
			CognitoClientAttributes.client(last).accept(this.namedRequest.getAttributes());
		}
		this.single = new CognitoBearerTokenInterceptor(manager("single"), TargetHostMatcher.of(List.of(uri.getHost())),
				true);
		this.singleRequest = new BenchmarkHttpRequest(uri);
		this.execution = new StubExecution();
		// the first call of each fills the caches; check that the token went out
		this.single.intercept(this.singleRequest, BODY, this.execution);
		this.named.intercept(this.namedRequest, BODY, this.execution);
		if (this.execution.getAuthorizedRequests() != 2) {
			throw new IllegalStateException("The requests did not carry a token");
		}
	}

	@Benchmark
	public ClientHttpResponse singleClient() throws IOException {
		return this.single.intercept(this.singleRequest, BODY, this.execution);
	}

	@Benchmark
	public ClientHttpResponse namedClients() throws IOException {
		return this.named.intercept(this.namedRequest, BODY, this.execution);
	}

	private static CognitoTokenManager manager(String name) {
		CognitoAccessToken token = new CognitoAccessToken("token-of-" + name, Instant.now(),
				Instant.now().plus(Duration.ofDays(1)));
		CognitoTokenManager manager = CognitoTokenManager.builder(() -> token).build();
		manager.getAccessToken();
		return manager;
	}

}
