/**
 * The live view: a model of what every source (camera) is doing, fed by read_committed consumers of
 * the input, result, Tags, dead-letter (and, where they exist, object-event and zone) topics, served
 * as plain HTML/JS pages under {@code /ui/} with one server-sent-event stream per source. Used by the
 * application's HTTP endpoint ({@code vision.ui.*}) and by the {@code view} command.
 */
package io.visionstreams.ui;
