/**
 * Results formats of other benchmark tools (JMH, Google Benchmark, QtTest, Catch2, pytest-benchmark), read
 * into the same series model as HAWD's. One sub-package per tool; this package holds what they share: strict
 * JSON and secure XML reading, and messages that name the file and the place in it.
 */
package dev.nightly.bench.formats;
