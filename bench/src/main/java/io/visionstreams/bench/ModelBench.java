package io.visionstreams.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.visionstreams.batching.BatchTiming;
import io.visionstreams.batching.Workers;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.CpuFeatures;
import io.visionstreams.inference.ImageTensors;
import io.visionstreams.inference.LabelFile;
import io.visionstreams.inference.ModelCatalog;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.ModelSpec;
import io.visionstreams.inference.Precision;
import io.visionstreams.inference.PrecisionChoice;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.TopK;
import io.visionstreams.inference.convert.tflite.Int8Conversion;
import io.visionstreams.inference.convert.tflite.Uint8InputConversion;
import io.visionstreams.inference.detection.CocoLabels;
import io.visionstreams.inference.detection.DetectionOptions;
import io.visionstreams.inference.detection.SsdAnchors;
import io.visionstreams.inference.detection.SsdImageInput;
import io.visionstreams.inference.detection.SsdPostprocessor;
import io.visionstreams.inference.segmentation.BilinearArgmax;
import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.inference.segmentation.LabelMapPng;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.ImageResize;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.task.TaskSpecs;
import io.visionstreams.avro.ImageEvent;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a frame's time goes, per model: decode (JPEG 640x480 and 1920x1080 at quality 90, PNG),
 * resize + normalize (for the TFLite models resize only: their graphs normalize inside), raw inference at each batch size with all workers (fp32 and int8, MKLDNN on
 * and off), post-processing (top-k; box decoding + NMS; argmax + upsampling + PNG) and Avro
 * encoding, each in core-milliseconds per frame (CPU time of the thread doing it, so the costs add
 * up and other load on the machine inflates them less than wall time), plus INT8's agreement with
 * the reference outputs ({@link ReferenceAgreement}). Prints one line per figure and returns them all.
 */
public final class ModelBench {

    /**
     * @param measure    wall time of each measurement
     * @param batches    batch sizes of classification and detection inference
     * @param segBatches batch sizes of segmentation inference (513x513: costly)
     * @param tasks      the models to measure
     */
    public record Options(Duration measure, List<Integer> batches, List<Integer> segBatches, List<VisionTask> tasks) {}

    private final Options options;
    private final PrintWriter out;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private ModelBench(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    public static Map<String, Object> run(Options options, Path images, PrintWriter out) throws Exception {
        return new ModelBench(options, out).run(images);
    }

    private Map<String, Object> run(Path images) throws Exception {
        VisionConfig defaults = ConfigLoader.load(null, System.getenv(), Map.of());
        VisionConfig fp32 = ConfigLoader.load(null, System.getenv(), Map.of("vision.model.precision", "fp32"));
        VisionConfig int8 = ConfigLoader.load(null, System.getenv(), Map.of("vision.model.precision", "int8"));
        int workers = Workers.resolve(fp32.batching().workers(), false, System.getenv("OMP_NUM_THREADS"));
        put("workers", workers);
        put("cpu_int8_features", CpuFeatures.detect().toString());
        RgbImage sample = new ImageDecoder().decode(java.nio.file.Files.readAllBytes(BenchImages.list(images).get(0)));
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("jpeg_640x480", CameraFrames.jpeg(sample, CameraFrames.FrameSet.VGA));
        inputs.put("jpeg_1920x1080", CameraFrames.jpeg(sample, CameraFrames.FrameSet.FULL_HD));
        inputs.put("png_640x480", png(ImageResize.bilinear(sample, 640, 480)));
        Map<String, RgbImage> frames = new LinkedHashMap<>();
        ImageDecoder decoder = new ImageDecoder();
        put("jpeg_decoder", decoder.jpegDecoder());
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            frames.put(input.getKey(), decoder.decode(input.getValue()));
            put("decode_" + input.getKey() + "_core_ms", CoreTime.perCall(() -> decoder.decode(input.getValue()),
                    options.measure()));
            ImageDecoder openCv = decoder.withOpenCvOnly(); // side by side: the decoder used without TurboJPEG
            if (input.getKey().startsWith("jpeg") && !openCv.jpegDecoder().equals(decoder.jpegDecoder())) {
                put("decode_" + input.getKey() + "_opencv_core_ms", CoreTime.perCall(() -> openCv.decode(input.getValue()),
                        options.measure()));
            }
        }
        RgbImage frame = frames.get("jpeg_640x480");
        ImageEvent event = ImageEvent.newBuilder().setEventId("bench").setSourceId("camera-0")
                .setCapturedAt(Instant.now()).setContentType("image/jpeg")
                .setImage(ByteBuffer.wrap(inputs.get("jpeg_640x480"))).setImageUri(null).setAttributes(Map.of()).build();
        for (VisionTask task : options.tasks()) {
            ModelSpec spec = ModelCatalog.get(fp32.models().names().get(task));
            int size = spec.inputSize();
            // what the configuration (default: auto) runs on this CPU, and why
            PrecisionChoice chosen = PrecisionChoice.of(defaults.models().precision(), spec, true);
            put(task.configName() + "_precision", chosen.precision().configName());
            put(task.configName() + "_precision_reason", chosen.reason());
            for (String kind : List.of("jpeg_640x480", "jpeg_1920x1080")) {
                RgbImage f = frames.get(kind);
                put(task.configName() + "_preprocess_" + kind.substring(5) + "_core_ms",
                        CoreTime.perCall(() -> preprocess(task, f, size), options.measure()));
            }
            float[] chw = tensor(task, frame, size);
            int[] shape = {3, size, size};
            byte[] hwc = ImageResize.bilinear(frame, size, size).pixels();
            List<Integer> batches = task == VisionTask.SEGMENTATION ? options.segBatches() : options.batches();
            List<Precision> precisions = Precision.INT8.effective(spec, true) == Precision.INT8
                    ? List.of(Precision.FP32, Precision.INT8) : List.of(Precision.FP32);
            ModelLoader loader = new ModelLoader(fp32);
            Map<Precision, ConvertedModel> converted = new HashMap<>();
            for (Precision precision : precisions) {
                converted.put(precision, loader.convert(spec, null, precision));
            }
            // side by side: for each batch size, every precision in turn
            for (int batch : batches) {
                for (Precision precision : precisions) {
                    try (ZooModel<NDList, NDList> raw = loadRaw(converted.get(precision), true)) {
                        rate(task.configName() + "_" + precision.configName() + "_b" + batch, raw,
                                input(converted.get(precision), chw, hwc, size), batch, workers);
                    }
                }
                if (task == VisionTask.CLASSIFICATION && batch == 8) {
                    try (ZooModel<NDList, NDList> raw = loadRaw(converted.get(Precision.FP32), false)) {
                        rate("classification_fp32_nomkldnn_b8", raw, input(converted.get(Precision.FP32), chw, hwc, size),
                                batch, workers);
                    }
                }
            }
            try (ZooModel<NDList, NDList> raw = loadRaw(converted.get(Precision.FP32), true)) {
                postprocess(task, raw, input(converted.get(Precision.FP32), chw, hwc, size), converted.get(Precision.FP32));
            }
            try (VisionModel<?> model = new ModelLoader(fp32).load(task, Device.cpu())) {
                encode(task, model, frame, event);
            }
            if (precisions.contains(Precision.INT8)) {
                ReferenceAgreement.measure(task, new ModelLoader(fp32), new ModelLoader(int8), this::put);
            }
        }
        derive();
        return figures;
    }

    private void derive() {
        ratio("int8_speedup", "classification_int8_b8_img_per_s", "classification_fp32_b8_img_per_s");
        ratio("segmentation_int8_speedup", "segmentation_int8_b8_img_per_s", "segmentation_fp32_b8_img_per_s");
        ratio("mkldnn_speedup", "classification_fp32_b8_img_per_s", "classification_fp32_nomkldnn_b8_img_per_s");
        // the same ratios from core time per image: steadier than wall time when other load shares the cores
        ratio("int8_speedup_core_time", "classification_fp32_b8_core_ms", "classification_int8_b8_core_ms");
        ratio("segmentation_int8_speedup_core_time", "segmentation_fp32_b8_core_ms", "segmentation_int8_b8_core_ms");
        ratio("mkldnn_speedup_core_time", "classification_fp32_nomkldnn_b8_core_ms", "classification_fp32_b8_core_ms");
        if (figures.get("detection_fp32_b8_img_per_s") != null) {
            put("detection_b8_img_per_s", figures.get("detection_fp32_b8_img_per_s"));
        }
        Object decode = figures.get("decode_jpeg_640x480_core_ms");
        Object pre = figures.get("classification_preprocess_640x480_core_ms");
        for (String precision : List.of("fp32", "int8")) {
            Object inference = figures.get("classification_" + precision + "_b8_core_ms");
            if (decode != null && pre != null && inference != null) {
                put("decode_preprocess_over_inference" + (precision.equals("fp32") ? "" : "_int8"),
                        ((double) decode + (double) pre) / (double) inference);
            }
        }
    }

    private void ratio(String key, String numerator, String denominator) {
        if (figures.get(numerator) != null && figures.get(denominator) != null) {
            put(key, (double) figures.get(numerator) / (double) figures.get(denominator));
        }
    }

    /** One frame as the converted graph takes it: uint8 HWC bytes, or the float CHW tensor. */
    private static InferenceRate.Frame input(ConvertedModel converted, float[] chw, byte[] hwc, int size) {
        return Uint8InputConversion.takesUint8(converted.dir()) ? InferenceRate.Frame.uint8Hwc(hwc, size, size)
                : InferenceRate.Frame.floatChw(chw, size, size);
    }

    private void rate(String key, ZooModel<NDList, NDList> raw, InferenceRate.Frame frame, int batch, int workers)
            throws Exception {
        InferenceRate.Rate r = InferenceRate.measure(raw, frame, batch, workers,
                options.measure().dividedBy(3), options.measure());
        put(key + "_img_per_s", r.imagesPerSecond());
        put(key + "_core_ms", r.coreMsPerImage());
    }

    /** Post-processing of one frame's raw outputs, as the translators do it. */
    private void postprocess(VisionTask task, ZooModel<NDList, NDList> raw, InferenceRate.Frame frame,
                             ConvertedModel converted) throws Exception {
        try (var predictor = raw.newPredictor();
             var manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            NDList output = predictor.predict(new NDList(frame.batch(manager, 1)));
            String key = task.configName() + "_postprocess_core_ms";
            switch (task) {
                case CLASSIFICATION -> {
                    float[] probabilities = output.get(0).toFloatArray();
                    put(key, CoreTime.perCall(() -> TopK.indices(probabilities, 1, 5), options.measure()));
                }
                case DETECTION -> {
                    SsdPostprocessor post = new SsdPostprocessor(
                            SsdAnchors.read(SsdAnchors.file(converted.dir(), converted.name())),
                            new CocoLabels(LabelFile.fromResource("labels/coco_labels.txt")),
                            new DetectionOptions(0.3, 0.6, 100, false));
                    put(key, CoreTime.perCall(() -> post.detections(output.get(0).toFloatArray(), 0,
                            output.get(1).toFloatArray(), 0), options.measure()));
                }
                case SEGMENTATION -> {
                    NDArray logits = output.get(0);
                    int h = (int) logits.getShape().get(2);
                    int w = (int) logits.getShape().get(3);
                    var resize = Uint8InputConversion.outputResize(converted.dir()); // the graph's resize, taken out
                    put(key, CoreTime.perCall(() -> {
                        if (resize.isPresent()) {
                            byte[] labels = BilinearArgmax.labels(logits.toFloatArray(), 0, (int) logits.getShape().get(1),
                                    h, w, resize.get().height(), resize.get().width(), resize.get().alignCorners());
                            LabelMap map = new LabelMap(resize.get().width(), resize.get().height(), labels)
                                    .resizeNearest(640, 480);
                            map.histogram();
                            LabelMapPng.encode(map);
                            return;
                        }
                        try (NDArray argmax = logits.argMax(1); NDArray labels = argmax.toType(DataType.UINT8, false)) {
                            LabelMap map = new LabelMap(w, h, labels.toByteArray()).resizeNearest(640, 480);
                            map.histogram();
                            LabelMapPng.encode(map);
                        }
                    }, options.measure()));
                }
            }
            output.close();
        }
    }

    /** Avro encoding of one real result of the 640x480 frame. */
    @SuppressWarnings("unchecked")
    private void encode(VisionTask task, VisionModel<?> model, RgbImage frame, ImageEvent event) throws Exception {
        Object result;
        try (var inferer = model.newInferer()) {
            result = inferer.infer(List.of(frame)).get(0);
        }
        var encoder = (io.visionstreams.batching.ResultEncoder<Object>) TaskSpecs.of(task).encoder();
        BatchTiming timing = new BatchTiming(1.0, 10.0, 1);
        put(task.configName() + "_avro_encode_core_ms",
                CoreTime.perCall(() -> encoder.encode(event, model.info(), timing, result), options.measure()));
    }

    /** The frame as an 8-bit RGB PNG (OpenCV). */
    private static byte[] png(RgbImage frame) {
        io.visionstreams.ingest.OpenCv.load();
        org.opencv.core.Mat rgb = new org.opencv.core.Mat(frame.height(), frame.width(), org.opencv.core.CvType.CV_8UC3);
        org.opencv.core.Mat bgr = new org.opencv.core.Mat();
        org.opencv.core.MatOfByte out = new org.opencv.core.MatOfByte();
        try {
            rgb.put(0, 0, frame.pixels());
            org.opencv.imgproc.Imgproc.cvtColor(rgb, bgr, org.opencv.imgproc.Imgproc.COLOR_RGB2BGR);
            org.opencv.imgcodecs.Imgcodecs.imencode(".png", bgr, out);
            return out.toArray();
        } finally {
            rgb.release();
            bgr.release();
            out.release();
        }
    }

    /** What the translator does before the graph: resize (the TFLite graphs normalize inside), or SSD's resize + normalize. */
    private static Object preprocess(VisionTask task, RgbImage frame, int size) {
        return task == VisionTask.DETECTION ? SsdImageInput.of(frame, size) : ImageResize.bilinear(frame, size, size);
    }

    private static float[] tensor(VisionTask task, RgbImage frame, int size) {
        return task == VisionTask.DETECTION ? SsdImageInput.of(frame, size)
                : ImageTensors.normalizedChw(ImageResize.bilinear(frame, size, size), 128f, 1f / 128f);
    }

    /** A converted model for raw tensors, with or without MKLDNN (an INT8 graph is MKLDNN-fused already). */
    static ZooModel<NDList, NDList> loadRaw(ConvertedModel converted, boolean mkldnn) throws Exception {
        Criteria.Builder<NDList, NDList> builder = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(converted.dir())
                .optModelName(converted.name())
                .optEngine("MXNet")
                .optDevice(Device.cpu())
                .optTranslator(new NoopTranslator());
        if (mkldnn && !Int8Conversion.isInt8(converted.dir())) {
            builder.optOption("MxOptimizeFor", "MKLDNN");
        }
        return builder.build().loadModel();
    }

    private void put(String key, Object value) {
        figures.put(key, value);
        out.printf("%-50s %s%n", key, value instanceof Double d ? String.format("%.3f", d) : value);
        out.flush();
    }
}
