package io.github.cognitotoken.test.autoconfigure;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the tests in this package, as a user's
 * {@code @SpringBootApplication} would be found by a test slice.
 */
@SpringBootApplication
class TestApplication {

}
