/**
 * The evaluation report: {@code metrics.json}, a Markdown summary and one self-contained offline
 * HTML page (inline SVG charts, thumbnails as data: URIs) with precision–recall curves, per-class
 * bars, the most-confused classes, the latency histogram and a gallery of annotated frames.
 */
package io.visionstreams.eval.report;
