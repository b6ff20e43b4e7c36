package io.visionstreams.eval.tracking;

/**
 * One tracker box on one frame: a detection of {@code results.jsonl} with the track it was given.
 *
 * @param frame   1-based, MOTChallenge's numbering: the video's {@code attributes.frame} + 1
 * @param trackId null when the tracker gave the detection no track (e.g. not yet confirmed)
 */
public record TrackRow(int frame, Long trackId, Box box, String label, double score) {

    public TrackRow withTrack(long id) {
        return new TrackRow(frame, id, box, label, score);
    }
}
