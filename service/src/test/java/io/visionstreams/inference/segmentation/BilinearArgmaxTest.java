package io.visionstreams.inference.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.visionstreams.inference.ImageTensors;
import io.visionstreams.inference.convert.mxnet.MxTrailingResize;
import io.visionstreams.inference.convert.tflite.TfliteConverter;
import io.visionstreams.inference.convert.tflite.TfliteTestModels;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.ImageResize;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.testing.SampleImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BilinearArgmax} against MXNet itself: the real DeepLab graph as converted, ending in MXNet's
 * {@code _contrib_BilinearResize2D} of its logits to 513x513, argmaxed by MXNet; and the same graph without that
 * resize, its 33x33 logits upsampled and argmaxed by ours. Same frame, same weights.
 */
class BilinearArgmaxTest {

    private static final String NAME = TfliteTestModels.DEEPLAB;

    @TempDir
    Path dir;

    @Test
    void givesTheLabelMapOfMxnetsBilinearResizeAndArgmaxOnRealDeepLabLogits() throws Exception {
        // given DeepLab converted with its final resize, and a copy without it
        Path withResize = Files.createDirectories(dir.resolve("with"));
        Path without = Files.createDirectories(dir.resolve("without"));
        TfliteConverter.convert(TfliteTestModels.tflite(NAME), withResize, NAME);
        Files.copy(withResize.resolve(NAME + "-0000.params"), without.resolve(NAME + "-0000.params"));
        MxTrailingResize.Result stripped = MxTrailingResize.strip(Files.readString(withResize.resolve(NAME + "-symbol.json")));
        Files.writeString(without.resolve(NAME + "-symbol.json"), stripped.symbolJson());
        MxTrailingResize.Resize resize = stripped.removed().orElseThrow();
        RgbImage frame = ImageResize.bilinear(new ImageDecoder().decode(SampleImages.bytes("cat.bmp")), 513, 513);
        float[] chw = ImageTensors.normalizedChw(frame, 128f, 1f / 128f);

        // when
        byte[] mxnet;
        byte[] ours;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "MXNet")) {
            NDArray full = forward(withResize, manager, chw);
            assertThat(full.getShape()).isEqualTo(new Shape(1, 21, 513, 513));
            mxnet = full.argMax(1).toType(DataType.UINT8, false).toByteArray();
            NDArray logits = forward(without, manager, chw);
            assertThat(logits.getShape()).isEqualTo(new Shape(1, 21, 33, 33));
            ours = BilinearArgmax.labels(logits.toFloatArray(), 0, 21, 33, 33, resize.height(), resize.width(),
                    resize.alignCorners());
        }

        // then: the same label map (a near-tie may fall otherwise in float rounding: at most 1 in 10,000 pixels)
        int differ = 0;
        for (int i = 0; i < mxnet.length; i++) {
            differ += ours[i] != mxnet[i] ? 1 : 0;
        }
        assertThat(ours).hasSize(513 * 513);
        assertThat(differ).isLessThanOrEqualTo(mxnet.length / 10_000);
        assertThat(new LabelMap(513, 513, ours).histogram()[8]).as("cat pixels").isGreaterThan(513 * 513 / 10);
    }

    private static NDArray forward(Path modelDir, NDManager manager, float[] chw) throws Exception {
        try (ZooModel<NDList, NDList> model = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(modelDir).optModelName(NAME).optEngine("MXNet").optDevice(Device.cpu())
                .optTranslator(new NoopTranslator()).build().loadModel();
             var predictor = model.newPredictor()) {
            NDArray out = predictor.predict(new NDList(manager.create(chw, new Shape(1, 3, 513, 513))))
                    .singletonOrThrow();
            NDArray copy = manager.create(out.toFloatArray(), out.getShape());
            return copy;
        }
    }
}
