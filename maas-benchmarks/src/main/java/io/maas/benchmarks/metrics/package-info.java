/**
 * Benchmarks of maas-metrics: the cost of recording a latency ({@code LatencyRecordBenchmark}) and of scoring a
 * million regression predictions ({@code RegressionScoringBenchmark}). Each class says what it measures and how to
 * run it.
 */
package io.maas.benchmarks.metrics;
