package io.visionstreams.eval.tracking;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads MOTChallenge ground truth: {@code gt.txt} lines {@code frame,id,x,y,w,h,flag,class,visibility}
 * (pixels, 1-based frames). A folder is read as a MOTChallenge sequence ({@code DIR/gt/gt.txt}, or
 * {@code DIR/gt.txt}). A malformed line fails the read with its line number.
 */
public final class MotTruth {

    private MotTruth() {}

    /** The {@code gt.txt} a ground-truth path names: the file itself, or the sequence folder's. */
    public static Path file(Path groundTruth) throws IOException {
        if (!Files.isDirectory(groundTruth)) {
            return groundTruth;
        }
        for (Path p : List.of(groundTruth.resolve("gt").resolve("gt.txt"), groundTruth.resolve("gt.txt"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException(groundTruth + " has neither gt/gt.txt nor gt.txt");
    }

    public static List<TruthRow> read(Path gtTxt) throws IOException {
        List<TruthRow> rows = new ArrayList<>();
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(gtTxt)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                try {
                    if (f.length < 6) {
                        throw new IllegalArgumentException("expected frame,id,x,y,w,h[,flag,class,visibility]");
                    }
                    boolean considered = f.length < 7 || Integer.parseInt(f[6].trim()) != 0;
                    int cls = f.length < 8 ? 1 : Integer.parseInt(f[7].trim());
                    double visibility = f.length < 9 ? 1 : Double.parseDouble(f[8].trim());
                    rows.add(new TruthRow(Integer.parseInt(f[0].trim()), (long) Double.parseDouble(f[1].trim()),
                            new Box(d(f[2]), d(f[3]), d(f[4]), d(f[5])), considered, cls, visibility));
                } catch (IllegalArgumentException e) {
                    throw new IOException(gtTxt + " line " + n + ": " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }

    private static double d(String s) {
        return Double.parseDouble(s.trim());
    }
}
