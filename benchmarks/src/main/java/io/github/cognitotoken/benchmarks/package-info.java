/**
 * Benchmarks of the Cognito token manager and interceptor side by side with Spring
 * Security's client-credentials support.
 */
@NullMarked
package io.github.cognitotoken.benchmarks;

import org.jspecify.annotations.NullMarked;
