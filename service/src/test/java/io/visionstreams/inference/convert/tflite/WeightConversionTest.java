package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class WeightConversionTest {

    @Test
    void dequantizesUint8WeightsPerChannelAlongTheQuantizedDimension() {
        // given: two output channels, scale 0.5 / zero point 10 and scale 2 / zero point 0
        Quantization q = new Quantization(new float[] {0.5f, 2f}, new long[] {10, 0}, 0, new float[0], new float[0]);
        TfliteTensor t = tensor(new int[] {2, 1, 1, 2}, TensorType.UINT8, q, new byte[] {12, 14, 1, (byte) 200});

        // then: real = scale * (q - zero point), 200 read unsigned
        assertThat(Dequantizer.floats(t)).containsExactly(1f, 2f, 2f, 400f);
    }

    @Test
    void dequantizesInt32BiasWithItsOwnScale() {
        Quantization q = new Quantization(new float[] {0.25f}, new long[] {0}, 0, new float[0], new float[0]);
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-4).putInt(8);
        TfliteTensor t = tensor(new int[] {2}, TensorType.INT32, q, b.array());

        assertThat(Dequantizer.floats(t)).containsExactly(-1f, 2f);
    }

    @Test
    void reordersOhwiToOihwAndRotatesKernelsForTheFlippedDomain() {
        // given: one output, 2x2 kernel, two input channels: w[o][y][x][i] = 10 * (2y + x) + i
        float[] ohwi = {0, 1, 10, 11, 20, 21, 30, 31};

        assertThat(KernelLayout.ohwiToOihw(ohwi, 1, 2, 2, 2, false)).containsExactly(0, 10, 20, 30, 1, 11, 21, 31);
        assertThat(KernelLayout.ohwiToOihw(ohwi, 1, 2, 2, 2, true)).containsExactly(30, 20, 10, 0, 31, 21, 11, 1);
    }

    @Test
    void reordersDepthwise1hwcToC1hw() {
        // given: 1x2 kernel, three channels: w[0][0][x][c] = 10 * x + c
        float[] hwc = {0, 1, 2, 10, 11, 12};

        assertThat(KernelLayout.depthwiseToC1hw(hwc, 1, 2, 3, false)).containsExactly(0, 10, 1, 11, 2, 12);
        assertThat(KernelLayout.depthwiseToC1hw(hwc, 1, 2, 3, true)).containsExactly(10, 0, 11, 1, 12, 2);
    }

    @Test
    void recognisesAQuantizedRangeOfExactlyZeroToSixAsImpliedRelu6() {
        Quantization relu6 = new Quantization(new float[] {6f / 255}, new long[] {0}, 0, new float[0], new float[0]);
        Quantization wider = new Quantization(new float[] {0.0352094f}, new long[] {0}, 0, new float[0], new float[0]);
        Quantization signed = new Quantization(new float[] {6f / 255}, new long[] {128}, 0, new float[0], new float[0]);

        assertThat(QuantRange.isRelu6(tensor(new int[] {1}, TensorType.UINT8, relu6, null))).isTrue();
        assertThat(QuantRange.isRelu6(tensor(new int[] {1}, TensorType.UINT8, wider, null))).isFalse();
        assertThat(QuantRange.isRelu6(tensor(new int[] {1}, TensorType.UINT8, signed, null))).isFalse();
    }

    private static TfliteTensor tensor(int[] shape, TensorType type, Quantization q, byte[] data) {
        ByteBuffer buffer = data == null ? null : ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return new TfliteTensor(0, "t", shape, type, q, buffer);
    }
}
