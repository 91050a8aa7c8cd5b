/**
 * Small applications that the startup benchmark launches in their own JVMs: the same
 * application without the starter, with it, and wired with Spring Security's client
 * credentials. Nothing here refers to this library's classes, so that the variants can
 * run with class paths that leave it out.
 */
@NullMarked
package io.github.cognitotoken.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
