package io.visionstreams.inference.convert.mxnet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MxGraphTest {

    @TempDir
    Path dir;

    @Test
    void savedGraphLoadsInDjlAndComputesConvolutionClipAndFlip() throws Exception {
        // given: a 1-channel 3x3 convolution (pad 1) with bias, ReLU6, and a spatial flip first
        MxGraph g = new MxGraph();
        MxGraph.Ref data = g.input("data");
        MxGraph.Ref flipped = g.reverse("flip", data, 2, 3);
        float[] kernel = {0, 0, 0, 0, 2, 0, 0, 0, 1}; // out(y,x) = 2*in(y,x) + in(y+1,x+1)
        MxGraph.Ref w = g.param("conv_weight", new int[] {1, 1, 3, 3}, kernel);
        MxGraph.Ref b = g.param("conv_bias", new int[] {1}, new float[] {-1f});
        MxGraph.Ref conv = g.convolution("conv", flipped, w, b, new int[] {3, 3}, new int[] {1, 1},
                new int[] {1, 1}, 1, 1);
        MxGraph.Ref out = g.clip("relu6", conv, 0f, 6f);
        g.save(dir, "tiny", out);
        assertThat(Files.readString(dir.resolve("tiny-symbol.json"))).contains("\"mxnet_version\"");

        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(dir)
                .optModelName("tiny")
                .optEngine("MXNet")
                .optDevice(Device.cpu())
                .optTranslator(new NoopTranslator())
                .build();
        // when
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
             Predictor<NDList, NDList> predictor = model.newPredictor()) {
            float[] input = {0, 1, 2, 3}; // 2x2: [[0,1],[2,3]]
            NDArray x = model.getNDManager().create(input, new Shape(1, 1, 2, 2));
            float[] y = predictor.predict(new NDList(x)).singletonOrThrow().toFloatArray();
            // then: flipped = [[3,2],[1,0]]; out = clip(2*f(y,x) + f(y+1,x+1) - 1, 0, 6), zero-padded
            assertThat(y).containsExactly(5f, 3f, 1f, 0f);
        }
    }
}
