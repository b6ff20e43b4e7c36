/**
 * Client-side tools around the stream: turning image files into ImageEvents on a topic, and
 * reading result and dead-letter topics back (demo, produce, bench, tests).
 */
package io.visionstreams.client;
