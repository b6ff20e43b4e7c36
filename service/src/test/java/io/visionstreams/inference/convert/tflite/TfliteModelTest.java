package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TfliteModelTest {

    @Test
    void readsMobileNetV2OperatorsTensorsAndInputQuantization() throws IOException {
        // when
        TfliteModel model = TfliteModel.read(TfliteTestModels.tflite(TfliteTestModels.MOBILENET_V2));

        // then: what MODELS.md reads off the file
        assertThat(model.schemaVersion()).isEqualTo(3);
        assertThat(opCounts(model)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CONV_2D", 36, "DEPTHWISE_CONV_2D", 17, "ADD", 10, "AVERAGE_POOL_2D", 1, "RESHAPE", 1, "SOFTMAX", 1));
        TfliteTensor input = model.tensor(model.inputs()[0]);
        assertThat(input.shape()).containsExactly(1, 224, 224, 3);
        assertThat(input.type()).isEqualTo(TensorType.UINT8);
        assertThat(input.quantization().scale(0)).isEqualTo(0.0078125f);
        assertThat(input.quantization().zeroPoint(0)).isEqualTo(128);
        TfliteTensor output = model.tensor(model.outputs()[0]);
        assertThat(output.shape()).containsExactly(1, 1001);
        assertThat(output.quantization().scale(0)).isEqualTo(1f / 256);
        OpOptions.Conv2D first = (OpOptions.Conv2D) model.operators().get(0).options();
        assertThat(first).isEqualTo(new OpOptions.Conv2D(OpOptions.Padding.SAME, 2, 2, OpOptions.Activation.RELU6, 1, 1));
        TfliteTensor weights = model.tensor(model.operators().get(0).input(1));
        assertThat(weights.shape()).containsExactly(32, 3, 3, 3);
        assertThat(weights.bytes().remaining()).isEqualTo(32 * 3 * 3 * 3);
    }

    @Test
    void readsDeepLabBuiltinCodesAbove127DilationAndResizeOptions() throws IOException {
        // when
        TfliteModel model = TfliteModel.read(TfliteTestModels.tflite(TfliteTestModels.DEEPLAB));

        // then: QUANTIZE is code 114, stored in builtin_code; DeepLab's atrous layers use dilation 2
        assertThat(opCounts(model)).containsEntry("QUANTIZE", 1).containsEntry("ARG_MAX", 1)
                .containsEntry("RESIZE_BILINEAR", 3).containsEntry("CONCATENATION", 1).containsEntry("CONV_2D", 38);
        assertThat(model.operators()).filteredOn(op -> op.op() == BuiltinOperator.RESIZE_BILINEAR)
                .extracting(TfliteOperator::options)
                .containsOnly(new OpOptions.ResizeBilinear(true, false));
        assertThat(model.operators()).filteredOn(op -> op.options() instanceof OpOptions.DepthwiseConv2D d
                && d.dilationH() == 2 && d.dilationW() == 2).hasSize(3);
        assertThat(model.operators()).filteredOn(op -> op.op() == BuiltinOperator.CONCATENATION)
                .extracting(TfliteOperator::options).containsExactly(new OpOptions.Concatenation(3, OpOptions.Activation.NONE));
    }

    @Test
    void rejectsBytesThatAreNotATfliteFlatbuffer() {
        assertThatThrownBy(() -> TfliteModel.parse("definitely not a model".getBytes(), "junk.tflite"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("junk.tflite");
    }

    private static Map<String, Integer> opCounts(TfliteModel model) {
        Map<String, Integer> counts = new TreeMap<>();
        model.operators().forEach(op -> counts.merge(op.op().name(), 1, Integer::sum));
        return counts;
    }
}
