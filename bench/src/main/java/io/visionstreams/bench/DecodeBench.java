package io.visionstreams.bench;

import io.visionstreams.eval.SegmentationMetrics;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.InferenceException;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.inference.segmentation.SegmentationResult;
import io.visionstreams.ingest.DecodeException;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full against reduced JPEG decoding (DCT scaling down to a model input), side by side: per-frame decode
 * time of camera-like frames (640x480 and 1920x1080, quality 90, made from the sample images), and what
 * the reduction changes in the models' outputs: MobileNetV2 top-1 agreement (224-pixel floor) and DeepLab
 * mIoU of the reduced-decode masks against the full-decode masks (513-pixel floor).
 */
public final class DecodeBench {

    private DecodeBench() {}

    /** Camera frames of each size made from every sample image. */
    public static Map<String, List<byte[]>> cameraFrames(List<byte[]> samples) throws DecodeException {
        ImageDecoder decoder = new ImageDecoder();
        Map<String, List<byte[]>> frames = new LinkedHashMap<>();
        for (CameraFrames.FrameSet set : List.of(CameraFrames.FrameSet.VGA, CameraFrames.FrameSet.FULL_HD)) {
            List<byte[]> list = new ArrayList<>();
            for (byte[] sample : samples) {
                list.add(CameraFrames.jpeg(decoder.decode(sample), set));
            }
            frames.put(set.name(), list);
        }
        return frames;
    }

    /** Mean milliseconds per decode, full and reduced to {@code floor} interleaved frame by frame, over {@code passes}. */
    public static double[] decodeMs(List<byte[]> frames, int floor, int passes) throws DecodeException {
        ImageDecoder full = new ImageDecoder();
        ImageDecoder reduced = new ImageDecoder(ImageDecoder.DEFAULT_MAX_BYTES, ImageDecoder.DEFAULT_MAX_PIXELS, floor);
        long fullNanos = 0;
        long reducedNanos = 0;
        for (int pass = 0; pass <= passes; pass++) { // pass 0 warms up
            for (byte[] frame : frames) {
                long t0 = System.nanoTime();
                full.decode(frame);
                long t1 = System.nanoTime();
                reduced.decode(frame);
                long t2 = System.nanoTime();
                if (pass > 0) {
                    fullNanos += t1 - t0;
                    reducedNanos += t2 - t1;
                }
            }
        }
        double n = (double) frames.size() * passes;
        return new double[] {fullNanos / n / 1e6, reducedNanos / n / 1e6};
    }

    /** Share of frames whose top-1 class is the same decoded in full and reduced to 224. */
    public static double top1Agreement(Inferer<ClassificationResult> classifier, List<byte[]> frames)
            throws DecodeException, InferenceException {
        ImageDecoder full = new ImageDecoder();
        ImageDecoder reduced = new ImageDecoder(ImageDecoder.DEFAULT_MAX_BYTES, ImageDecoder.DEFAULT_MAX_PIXELS, 224);
        int same = 0;
        for (byte[] frame : frames) {
            String a = classifier.infer(List.of(full.decode(frame))).get(0).topK().get(0).label();
            String b = classifier.infer(List.of(reduced.decode(frame))).get(0).topK().get(0).label();
            same += a.equals(b) ? 1 : 0;
        }
        return same / (double) frames.size();
    }

    /** mIoU of the masks from reduced (513) decoding against those from full decoding, both at the size sent. */
    public static double maskMeanIoU(Inferer<SegmentationResult> segmenter, List<byte[]> frames, int classes)
            throws DecodeException, InferenceException {
        ImageDecoder full = new ImageDecoder();
        ImageDecoder reduced = new ImageDecoder(ImageDecoder.DEFAULT_MAX_BYTES, ImageDecoder.DEFAULT_MAX_PIXELS, 513);
        SegmentationMetrics metrics = new SegmentationMetrics(classes);
        for (byte[] frame : frames) {
            SegmentationResult a = segmenter.infer(List.of(full.decode(frame))).get(0);
            SegmentationResult b = segmenter.infer(List.of(reduced.decode(frame))).get(0);
            metrics.add(new LabelMap(b.width(), b.height(), b.labels()), new LabelMap(a.width(), a.height(), a.labels()));
        }
        return metrics.meanIoU();
    }
}
