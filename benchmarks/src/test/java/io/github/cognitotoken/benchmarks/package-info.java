/**
 * Smoke tests that prove the benchmarks run.
 */
@NullMarked
package io.github.cognitotoken.benchmarks;

import org.jspecify.annotations.NullMarked;
