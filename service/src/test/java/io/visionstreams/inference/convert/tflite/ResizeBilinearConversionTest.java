package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.mxnet.MxGraph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A one-operator TFLite graph (RESIZE_BILINEAR, then ADD of a zero bias) against TF's resize formulas. */
class ResizeBilinearConversionTest {

    private static final int IN_H = 3;
    private static final int IN_W = 4;
    private static final int OUT_H = 7;
    private static final int OUT_W = 5;
    private static final int C = 2;

    @TempDir
    Path dir;

    @Test
    void alignCornersResizeMatchesTf() throws Exception {
        assertThat(TfliteConverterTest.maxAbsDiff(converted(true, false), tfResize(true, false))).isLessThan(1e-5);
    }

    @Test
    void halfPixelCentersResizeMatchesTf() throws Exception {
        assertThat(TfliteConverterTest.maxAbsDiff(converted(false, true), tfResize(false, true))).isLessThan(1e-5);
    }

    @Test
    void halfPixelAndAlignCornersAreDifferentResizes() {
        // so that the two tests above can tell the modes apart
        assertThat(TfliteConverterTest.maxAbsDiff(tfResize(true, false), tfResize(false, true))).isGreaterThan(0.1);
    }

    @Test
    void legacyResizeIsRefusedRatherThanApproximated() {
        assertThatThrownBy(() -> TfliteConverter.toMxNet(model(false, false)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("legacy");
    }

    private float[] converted(boolean alignCorners, boolean halfPixel) throws Exception {
        TfliteConversion c = TfliteConverter.toMxNet(model(alignCorners, halfPixel));
        c.graph().save(dir, "resize", c.heads().toArray(MxGraph.Ref[]::new));
        try (ZooModel<NDList, NDList> model = TfliteTestModels.loadRaw(dir, "resize");
             NDManager manager = model.getNDManager().newSubManager()) {
            float[] nchw = TfliteTestModels.run(model, new NDList(manager.create(input(), new Shape(1, C, IN_H, IN_W))));
            return toNhwc(nchw);
        }
    }

    /** x[c][y][x], NCHW, distinct and non-linear so any sampling error shows. */
    private static float[] input() {
        float[] x = new float[C * IN_H * IN_W];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 11) + 0.25f * i;
        }
        return x;
    }

    /** TF's ResizeBilinear kernel (compute_interpolation_weights), output NHWC. */
    private static float[] tfResize(boolean alignCorners, boolean halfPixel) {
        float[] x = input();
        float[] out = new float[OUT_H * OUT_W * C];
        for (int y = 0; y < OUT_H; y++) {
            for (int xo = 0; xo < OUT_W; xo++) {
                float sy = source(y, IN_H, OUT_H, alignCorners, halfPixel);
                float sx = source(xo, IN_W, OUT_W, alignCorners, halfPixel);
                int y0 = Math.max((int) Math.floor(sy), 0);
                int y1 = Math.min((int) Math.ceil(sy), IN_H - 1);
                int x0 = Math.max((int) Math.floor(sx), 0);
                int x1 = Math.min((int) Math.ceil(sx), IN_W - 1);
                float fy = sy - (float) Math.floor(sy);
                float fx = sx - (float) Math.floor(sx);
                for (int c = 0; c < C; c++) {
                    float top = at(x, c, y0, x0) + (at(x, c, y0, x1) - at(x, c, y0, x0)) * fx;
                    float bottom = at(x, c, y1, x0) + (at(x, c, y1, x1) - at(x, c, y1, x0)) * fx;
                    out[(y * OUT_W + xo) * C + c] = top + (bottom - top) * fy;
                }
            }
        }
        return out;
    }

    private static float source(int dst, int in, int out, boolean alignCorners, boolean halfPixel) {
        float scale = alignCorners && out > 1 ? (in - 1f) / (out - 1f) : (float) in / out;
        return halfPixel ? (dst + 0.5f) * scale - 0.5f : dst * scale;
    }

    private static float at(float[] nchw, int c, int y, int x) {
        return nchw[(c * IN_H + y) * IN_W + x];
    }

    private static float[] toNhwc(float[] nchw) {
        float[] out = new float[nchw.length];
        for (int c = 0; c < C; c++) {
            for (int i = 0; i < OUT_H * OUT_W; i++) {
                out[i * C + c] = nchw[c * OUT_H * OUT_W + i];
            }
        }
        return out;
    }

    private static TfliteModel model(boolean alignCorners, boolean halfPixel) {
        Quantization none = Quantization.NONE;
        ByteBuffer size = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(OUT_H).putInt(OUT_W).flip();
        ByteBuffer zeros = ByteBuffer.allocate(4 * C).order(ByteOrder.LITTLE_ENDIAN);
        List<TfliteTensor> tensors = List.of(
                new TfliteTensor(0, "input", new int[] {1, IN_H, IN_W, C}, TensorType.FLOAT32, none, null),
                new TfliteTensor(1, "size", new int[] {2}, TensorType.INT32, none, size),
                new TfliteTensor(2, "resized", new int[] {1, OUT_H, OUT_W, C}, TensorType.FLOAT32, none, null),
                // an ADD of a constant, so the graph has a parameter (MXNet will not load an empty .params)
                new TfliteTensor(3, "zero", new int[] {C}, TensorType.FLOAT32, none, zeros),
                new TfliteTensor(4, "output", new int[] {1, OUT_H, OUT_W, C}, TensorType.FLOAT32, none, null));
        List<TfliteOperator> ops = List.of(
                new TfliteOperator(0, BuiltinOperator.RESIZE_BILINEAR, 23, null, new int[] {0, 1}, new int[] {2},
                        new OpOptions.ResizeBilinear(alignCorners, halfPixel)),
                new TfliteOperator(1, BuiltinOperator.ADD, 0, null, new int[] {2, 3}, new int[] {4},
                        new OpOptions.Add(OpOptions.Activation.NONE)));
        return new TfliteModel(3, tensors, ops, new int[] {0}, new int[] {4});
    }
}
