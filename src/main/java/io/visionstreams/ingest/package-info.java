/**
 * The first stage of a frame's path: image events in, decoded and validated RGB frames out
 * (claim-check fetch, format sniffing, EXIF orientation, size limits), or a precise failure.
 */
package io.visionstreams.ingest;
