package io.visionstreams.inference.convert.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.visionstreams.inference.convert.mxnet.MxGraph;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX emitter on a small graph whose outputs are worked out by hand, run by ONNX Runtime itself. */
class OnnxEmitterTest {

    @TempDir
    Path dir;

    @Test
    void flipConvolutionAndClipComputeWhatTheSymbolGraphSays() throws Exception {
        // given: x [1, 1, 2, 2] = 1 2 / 3 4, flipped on both axes (4 3 / 2 1), a 1x1 convolution (weight 2, bias -1)
        // giving 7 5 / 3 1, clipped to [0, 6]: 6 5 / 3 1
        MxGraph g = new MxGraph();
        MxGraph.Ref flipped = g.reverse("flip", g.input("data"), 2, 3);
        MxGraph.Ref conv = g.convolution("conv", flipped, g.param("w", new int[] {1, 1, 1, 1}, new float[] {2f}),
                g.param("b", new int[] {1}, new float[] {-1f}), new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, 1, 1);
        g.save(dir, "tiny", g.clip("relu6", conv, 0f, 6f));

        // when
        Path onnx = OnnxEmitter.emit(dir, "tiny", false);

        // then
        float[] out = run(onnx, new float[] {1, 2, 3, 4});
        assertThat(out).containsExactly(6f, 5f, 3f, 1f);
        byte[] first = Files.readAllBytes(onnx);
        OnnxEmitter.emit(dir, "tiny", false);
        assertThat(Files.readAllBytes(onnx)).as("deterministic").isEqualTo(first);
    }

    @Test
    void anOperatorWithoutAnOnnxLoweringIsRefusedNamingIt() throws Exception {
        MxGraph g = new MxGraph();
        g.save(dir, "odd", g.op("LRN", "lrn", Map.of("nsize", "5"), g.input("data")));

        assertThatThrownBy(() -> OnnxEmitter.emit(dir, "odd", false))
                .hasMessageContaining("LRN").hasMessageContaining("lrn").hasMessageContaining("no ONNX lowering");
    }

    private static float[] run(Path onnx, float[] input) throws Exception {
        ai.djl.engine.Engine.getEngine("OnnxRuntime"); // DJL creates the environment first, as in the application
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 1, 2, 2});
             OrtSession.Result result = session.run(Map.of("data", x))) {
            float[][][][] y = (float[][][][]) result.get(0).getValue();
            return new float[] {y[0][0][0][0], y[0][0][0][1], y[0][0][1][0], y[0][0][1][1]};
        }
    }
}
