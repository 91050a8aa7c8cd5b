package io.github.cognitotoken.samples.democlient;

import java.nio.file.Path;

/**
 * Where the integration tests find Java and the packaged jars: failsafe passes the paths
 * as system properties (see {@code pom.xml}).
 */
final class TestJars {

	private TestJars() {
	}

	static String cognitoLocalJar() {
		return required("cognito-local.jar");
	}

	static String demoClientJar() {
		return required("demo-client.jar");
	}

	static String runDemoScript() {
		return required("run-demo.script");
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String required(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(
					"System property '" + name + "' is not set: run the *IT tests with maven-failsafe-plugin");
		}
		return value;
	}

}
