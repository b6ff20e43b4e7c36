package io.visionstreams.tracking;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * ByteTrack's association for one frame ({@code BYTETracker.update}): predict every track to the
 * frame's time; match confirmed tracks to high-score detections (cost 1 − IoU × score), then the tracks
 * still unmatched that were seen on the last frame to the low-score detections (cost 1 − IoU, at most
 * 0.5), then unconfirmed tracks to the high-score detections left (at most 0.7); unmatched unconfirmed
 * tracks are dropped, detections left that score at least the new-track score start tracks, and
 * confirmed tracks unseen for longer than the lost time end. Class-aware: a track only takes
 * detections of its class.
 */
public final class ByteTracker {

    private static final double SECOND_PASS_COST = 0.5;
    private static final double UNCONFIRMED_COST = 0.7;

    private final TrackerSettings settings;

    public ByteTracker(TrackerSettings settings) {
        this.settings = settings;
    }

    /** What one frame did: the track of each detection (null: none), tracks confirmed and tracks ended. */
    public record Step(Track[] trackOf, List<Track> confirmed, List<Track> ended) {}

    /** Tracks one frame, newer than the state's last ({@code at} > {@link TrackerState#lastFrameAt()}). */
    public Step update(TrackerState state, String eventId, long at, List<Detection> detections) {
        Track[] trackOf = new Track[detections.size()];
        for (Track t : state.tracks) {
            t.kalman = BoxKalmanFilter.predict(t.kalman, at - t.predictedAt, !t.seenLast);
            t.predictedAt = at;
        }
        List<Integer> high = new ArrayList<>();
        List<Integer> low = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            (detections.get(i).score() >= settings.highScore() ? high : low).add(i);
        }
        List<Track> pool = new ArrayList<>();
        List<Track> unconfirmed = new ArrayList<>();
        for (Track t : state.tracks) {
            (t.confirmed() ? pool : unconfirmed).add(t);
        }
        List<Track> unmatched = associate(pool, high, detections, true, settings.matchCost(), trackOf);
        List<Track> wereSeen = unmatched.stream().filter(t -> t.seenLast).toList();
        associate(wereSeen, low, detections, false, SECOND_PASS_COST, trackOf);
        List<Track> droppedUnconfirmed = associate(unconfirmed, high, detections, true, UNCONFIRMED_COST, trackOf);

        for (int i = 0; i < trackOf.length; i++) {
            if (trackOf[i] != null) {
                Track t = trackOf[i];
                t.kalman = BoxKalmanFilter.update(t.kalman, detections.get(i).box());
                t.seen(eventId, at, detections.get(i));
            }
        }
        for (Track t : unmatched) {
            if (!contains(trackOf, t)) {
                t.seenLast = false;
            }
        }
        state.tracks.removeAll(droppedUnconfirmed);
        for (int i : high) {
            Detection d = detections.get(i);
            if (trackOf[i] == null && d.score() >= settings.newTrackScore()) {
                Track t = new Track(state.nextSeq++, d.classId(), d.label());
                t.kalman = BoxKalmanFilter.initiate(d.box());
                t.predictedAt = at;
                t.firstSeenAt = at;
                t.firstEventId = eventId;
                t.seen(eventId, at, d);
                state.tracks.add(t);
                trackOf[i] = t;
            }
        }
        List<Track> confirmed = new ArrayList<>();
        for (Track t : state.tracks) {
            if (!t.confirmed() && t.hits >= settings.minHits()) {
                t.id = state.nextId++;
                confirmed.add(t);
            }
        }
        List<Track> ended = new ArrayList<>();
        for (Iterator<Track> it = state.tracks.iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (!t.seenLast && at - t.lastSeenAt > settings.lostAfterMs()) {
                it.remove();
                ended.add(t);
            }
        }
        state.lastFrameAt = at;
        return new Step(trackOf, confirmed, ended);
    }

    /** Assigns {@code tracks} to the detections of {@code candidates} not yet taken; returns the tracks left. */
    private static List<Track> associate(List<Track> tracks, List<Integer> candidates, List<Detection> detections,
                                         boolean fuseScore, double limit, Track[] trackOf) {
        List<Integer> free = candidates.stream().filter(i -> trackOf[i] == null).toList();
        double[][] cost = new double[tracks.size()][free.size()];
        for (int r = 0; r < tracks.size(); r++) {
            Track t = tracks.get(r);
            Box predicted = t.kalman.box();
            for (int c = 0; c < free.size(); c++) {
                Detection d = detections.get(free.get(c));
                double similarity = predicted.iou(d.box()) * (fuseScore ? d.score() : 1);
                cost[r][c] = d.classId() == t.classId ? 1 - similarity : LinearAssignment.FORBIDDEN;
            }
        }
        int[] match = LinearAssignment.solve(cost, limit);
        List<Track> left = new ArrayList<>();
        for (int r = 0; r < tracks.size(); r++) {
            if (match[r] >= 0) {
                trackOf[free.get(match[r])] = tracks.get(r);
            } else {
                left.add(tracks.get(r));
            }
        }
        return left;
    }

    private static boolean contains(Track[] trackOf, Track t) {
        for (Track u : trackOf) {
            if (u == t) {
                return true;
            }
        }
        return false;
    }
}
