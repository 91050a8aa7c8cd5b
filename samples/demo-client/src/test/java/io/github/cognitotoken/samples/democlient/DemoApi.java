package io.github.cognitotoken.samples.democlient;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.cognitotoken.test.CognitoTestToken;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * The orders and invoices APIs that the demo calls, as a local WireMock server that
 * records the {@code Authorization} header of each call.
 */
final class DemoApi {

	private final WireMockServer server;

	private DemoApi(WireMockServer server) {
		this.server = server;
	}

	static DemoApi start() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		server.stubFor(get(urlEqualTo("/api/orders")).willReturn(okJson("[]")));
		server.stubFor(get(urlEqualTo("/api/invoices")).willReturn(okJson("[]")));
		return new DemoApi(server);
	}

	String baseUrl() {
		return this.server.baseUrl();
	}

	/**
	 * Return the tokens that the calls to a path carried in
	 * {@code Authorization: Bearer}, decoded (their {@code toString()} hides the value,
	 * so a failed assertion prints no token).
	 * @param path the path
	 * @return the tokens, in order
	 */
	List<CognitoTestToken> tokens(String path) {
		return this.server.findAll(getRequestedFor(urlEqualTo(path)))
			.stream()
			.map((request) -> CognitoTestToken.fromAuthorizationHeader(request.getHeader("Authorization")))
			.toList();
	}

	void forgetCalls() {
		this.server.resetRequests();
	}

	void stop() {
		this.server.stop();
	}

}
