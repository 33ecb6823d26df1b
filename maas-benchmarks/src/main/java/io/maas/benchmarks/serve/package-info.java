/**
 * Benchmarks of serving: the overhead of monitoring one prediction ({@code MonitoredPredictBenchmark}) and the
 * prediction server under load from four HTTP clients ({@code ServeLoadBenchmark}). Each class says what it
 * measures and how to run it.
 */
package io.maas.benchmarks.serve;
