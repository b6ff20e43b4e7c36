/**
 * Client-side tools around the stream: turning image files (and, in {@code camera}, videos and
 * camera streams) into ImageEvents on a topic with bounded asynchronous sends, and reading result
 * and dead-letter topics back (demo, produce, bench, tests).
 */
package io.visionstreams.client;
