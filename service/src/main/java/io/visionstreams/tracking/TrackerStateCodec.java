package io.visionstreams.tracking;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A source's {@link TrackerState} to bytes and back, exactly (doubles bit for bit), for the changelogged
 * {@code tracks} store. Layout version 1, in the first byte; an unknown version is refused.
 */
public final class TrackerStateCodec {

    private static final int VERSION = 1;

    private TrackerStateCodec() {}

    public static byte[] encode(TrackerState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(state.nextSeq);
            out.writeLong(state.nextId);
            out.writeLong(state.lastFrameAt);
            out.writeInt(state.tracks.size());
            for (Track t : state.tracks) {
                writeTrack(out, t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not a state this version wrote */
    public static TrackerState decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("unknown tracker state version " + version);
        }
        TrackerState state = new TrackerState();
        state.nextSeq = in.readLong();
        state.nextId = in.readLong();
        state.lastFrameAt = in.readLong();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            state.tracks.add(readTrack(in));
        }
        if (in.available() > 0) {
            throw new IOException("tracker state has " + in.available() + " trailing bytes");
        }
        return state;
    }

    private static void writeTrack(DataOutputStream out, Track t) throws IOException {
        out.writeLong(t.seq);
        out.writeLong(t.id);
        out.writeInt(t.classId);
        out.writeUTF(t.label);
        for (double v : t.kalman.mean()) {
            out.writeDouble(v);
        }
        for (double[] row : t.kalman.covariance()) {
            for (double v : row) {
                out.writeDouble(v);
            }
        }
        out.writeLong(t.predictedAt);
        out.writeInt(t.hits);
        out.writeBoolean(t.seenLast);
        out.writeLong(t.firstSeenAt);
        writeString(out, t.firstEventId);
        out.writeLong(t.lastSeenAt);
        out.writeDouble(t.score);
        writeBox(out, t.box);
        writeString(out, t.bestEventId);
        out.writeDouble(t.bestScore);
        writeBox(out, t.bestBox);
        writePoint(out, t.anchor);
        out.writeInt(t.zones.size());
        for (var e : t.zones.entrySet()) {
            out.writeUTF(e.getKey());
            ZoneMembership m = e.getValue();
            out.writeBoolean(m.inside);
            out.writeInt(m.run);
            writeCandidate(out, m.candidate);
            out.writeLong(m.enteredAt);
            out.writeBoolean(m.loiteringReported);
        }
        out.writeInt(t.lines.size());
        for (var e : t.lines.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().run);
            writeCandidate(out, e.getValue().candidate);
        }
        writeStrings(out, t.visited);
        out.writeInt(t.held.size());
        for (TrackEvent e : t.held) {
            writeEvent(out, e);
        }
    }

    private static Track readTrack(DataInputStream in) throws IOException {
        long seq = in.readLong();
        long id = in.readLong();
        Track t = new Track(seq, in.readInt(), in.readUTF());
        t.id = id;
        double[] mean = new double[8];
        for (int i = 0; i < 8; i++) {
            mean[i] = in.readDouble();
        }
        double[][] cov = new double[8][8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                cov[i][j] = in.readDouble();
            }
        }
        t.kalman = new KalmanState(mean, cov);
        t.predictedAt = in.readLong();
        t.hits = in.readInt();
        t.seenLast = in.readBoolean();
        t.firstSeenAt = in.readLong();
        t.firstEventId = readString(in);
        t.lastSeenAt = in.readLong();
        t.score = in.readDouble();
        t.box = readBox(in);
        t.bestEventId = readString(in);
        t.bestScore = in.readDouble();
        t.bestBox = readBox(in);
        t.anchor = readPoint(in);
        int zones = in.readInt();
        for (int i = 0; i < zones; i++) {
            String name = in.readUTF();
            ZoneMembership m = new ZoneMembership();
            m.inside = in.readBoolean();
            m.run = in.readInt();
            m.candidate = readCandidate(in);
            m.enteredAt = in.readLong();
            m.loiteringReported = in.readBoolean();
            t.zones.put(name, m);
        }
        int lines = in.readInt();
        for (int i = 0; i < lines; i++) {
            String name = in.readUTF();
            LineCrossing c = new LineCrossing();
            c.run = in.readInt();
            c.candidate = readCandidate(in);
            t.lines.put(name, c);
        }
        t.visited.addAll(readStrings(in));
        int held = in.readInt();
        for (int i = 0; i < held; i++) {
            t.held.add(readEvent(in));
        }
        return t;
    }

    private static void writeEvent(DataOutputStream out, TrackEvent e) throws IOException {
        out.writeUTF(e.type().name());
        out.writeUTF(e.sourceId());
        out.writeUTF(e.eventId());
        out.writeLong(e.capturedAt());
        out.writeLong(e.trackId());
        out.writeInt(e.classId());
        out.writeUTF(e.label());
        out.writeDouble(e.score());
        writeBox(out, e.box());
        writeString(out, e.zone());
        writeString(out, e.line());
        writePoint(out, e.fromPoint());
        writePoint(out, e.toPoint());
        writeString(out, e.fromSide());
        writeString(out, e.toSide());
        writeLong(out, e.dwellMs());
        writeLong(out, e.durationMs());
        writeStrings(out, e.zonesVisited());
        writeString(out, e.bestEventId());
        out.writeBoolean(e.bestScore() != null);
        if (e.bestScore() != null) {
            out.writeDouble(e.bestScore());
        }
        writeBox(out, e.bestBox());
    }

    private static TrackEvent readEvent(DataInputStream in) throws IOException {
        TrackEvent.Type type = TrackEvent.Type.valueOf(in.readUTF());
        String source = in.readUTF();
        String eventId = in.readUTF();
        long at = in.readLong();
        long trackId = in.readLong();
        int classId = in.readInt();
        String label = in.readUTF();
        double score = in.readDouble();
        Box box = readBox(in);
        String zone = readString(in);
        String line = readString(in);
        Point from = readPoint(in);
        Point to = readPoint(in);
        String fromSide = readString(in);
        String toSide = readString(in);
        Long dwell = readLong(in);
        Long duration = readLong(in);
        List<String> visited = readStrings(in);
        String best = readString(in);
        Double bestScore = in.readBoolean() ? in.readDouble() : null;
        Box bestBox = readBox(in);
        return new TrackEvent(type, source, eventId, at, trackId, classId, label, score, box, zone, line, from, to,
                fromSide, toSide, dwell, duration, visited, best, bestScore, bestBox);
    }

    private static void writeCandidate(DataOutputStream out, Candidate c) throws IOException {
        out.writeBoolean(c != null);
        if (c != null) {
            out.writeUTF(c.eventId());
            out.writeLong(c.at());
            writePoint(out, c.from());
            writePoint(out, c.to());
            out.writeDouble(c.score());
            writeBox(out, c.box());
            writeString(out, c.fromSide());
            writeString(out, c.toSide());
        }
    }

    private static Candidate readCandidate(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new Candidate(in.readUTF(), in.readLong(), readPoint(in), readPoint(in), in.readDouble(), readBox(in),
                readString(in), readString(in));
    }

    private static void writeBox(DataOutputStream out, Box b) throws IOException {
        out.writeBoolean(b != null);
        if (b != null) {
            out.writeDouble(b.xMin());
            out.writeDouble(b.yMin());
            out.writeDouble(b.xMax());
            out.writeDouble(b.yMax());
        }
    }

    private static Box readBox(DataInputStream in) throws IOException {
        return in.readBoolean() ? new Box(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()) : null;
    }

    private static void writePoint(DataOutputStream out, Point p) throws IOException {
        out.writeBoolean(p != null);
        if (p != null) {
            out.writeDouble(p.x());
            out.writeDouble(p.y());
        }
    }

    private static Point readPoint(DataInputStream in) throws IOException {
        return in.readBoolean() ? new Point(in.readDouble(), in.readDouble()) : null;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeLong(DataOutputStream out, Long v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeLong(v);
        }
    }

    private static Long readLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }
}
