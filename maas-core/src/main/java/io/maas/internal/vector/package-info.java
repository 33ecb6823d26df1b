/**
 * The register-blocked Gram kernel on the incubating Vector API, loaded by name only when the JVM has the module
 * jdk.incubator.vector. Internal: not exported, and not in the API documentation.
 */
package io.maas.internal.vector;
