package io.github.cognitotoken.samples.cognitolocal;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.cognitotoken.samples.cognitolocal.TestHttpClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the application the way a script does, with {@code --server.port=0} and a port
 * file, using the default configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandLineStartupTests {

	@Test
	void applicationOnAFreePortWritesItsPortFileAndLogsNeitherSecretsNorTokens(@TempDir Path directory,
			CapturedOutput output) throws Exception {
		Path portFile = directory.resolve("run/cognito-local.port");
		int port;
		try (ConfigurableApplicationContext context = SpringApplication.run(CognitoLocalApplication.class,
				"--server.port=0", "--cognito-local.port-file=" + portFile)) {
			assertThat(portFile).exists();
			port = Integer.parseInt(Files.readString(portFile).trim());
			assertThat(port).isPositive()
				.isEqualTo(Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1")));
			assertThat(output).contains("cognito-local listening on port " + port);
			TestHttpClient http = new TestHttpClient(port);
			Response token = http.postTokenForm(
					(headers) -> headers.set("Authorization", TestHttpClient.basic("demo-client", "demo-secret")),
					"grant_type", "client_credentials");
			assertThat(token.status()).isEqualTo(200);
			String accessToken = (String) token.json().get("access_token");
			assertThat(http.get("/api/orders", accessToken).status()).isEqualTo(200);
			assertThat(http.postTokenForm((headers) -> {
			}, "grant_type", "client_credentials", "client_id", "demo-client", "client_secret", "demo-wrong").status())
				.isEqualTo(400);
			assertThat(http.get("/admin/token-requests", null).json()).containsEntry("issued", 1)
				.containsEntry("failed", 1);
			assertThat(output.toString()).as("log output contains no token")
				.doesNotContain(accessToken)
				.doesNotContain(accessToken.substring(accessToken.lastIndexOf('.') + 1));
		}
		assertThat(portFile).as("port file is deleted on shutdown").doesNotExist();
		assertThat(output.toString()).as("log output contains no secret")
			.doesNotContain("demo-secret")
			.doesNotContain("demo-wrong")
			.doesNotContainIgnoringCase("generated security password");
	}

}
