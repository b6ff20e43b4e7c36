/**
 * Multi-object tracking per source, and the zone and line events its tracks cause. Pure: no Kafka
 * types. In: one source's detections per frame, in captured_at order ({@link io.visionstreams.tracking.Detection}).
 * Out: a track id per detection and {@link io.visionstreams.tracking.TrackEvent}s. {@link io.visionstreams.tracking.ByteTracker}
 * associates detections with tracks as ByteTrack does, predicting each box with {@link io.visionstreams.tracking.BoxKalmanFilter};
 * {@link io.visionstreams.tracking.ZoneRules} turns track anchors into zone and line events;
 * {@link io.visionstreams.tracking.SourceTracker} runs both for one frame; {@link io.visionstreams.tracking.TrackerStateCodec}
 * writes the whole state of a source to bytes for the changelogged store. Every age is in event time
 * (captured_at), so a replay of the same frames gives the same tracks and events, byte for byte.
 */
package io.visionstreams.tracking;
