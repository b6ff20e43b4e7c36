package io.visionstreams.eval.tracking;

/**
 * One row of a MOTChallenge {@code gt.txt}: {@code frame, id, x, y, w, h, flag, class, visibility}.
 *
 * @param frame      1-based
 * @param considered the flag column: false (0) for an object the evaluation ignores
 * @param cls        the class column (this project's sequences: the COCO category index + 1, person = 1)
 * @param visibility the share of the box not hidden by other objects, in [0, 1]
 */
public record TruthRow(int frame, long id, Box box, boolean considered, int cls, double visibility) {}
