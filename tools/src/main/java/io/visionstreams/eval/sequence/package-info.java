/**
 * Test sequences with exact ground truth for tracking and object events: real objects cut from the
 * sample images (with a margin of their own background) moving along known paths over a plain
 * background, written as an MP4 video with MOTChallenge {@code gt/gt.txt}, the zones file the events
 * are about, and the events ground truth ({@code events.json}). The same seed gives the same sequence;
 * another seed, another one.
 */
package io.visionstreams.eval.sequence;
