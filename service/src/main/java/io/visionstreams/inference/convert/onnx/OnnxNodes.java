package io.visionstreams.inference.convert.onnx;

import com.google.protobuf.ByteString;
import io.visionstreams.inference.convert.onnx.OnnxProto.AttributeProto;
import io.visionstreams.inference.convert.onnx.OnnxProto.GraphProto;
import io.visionstreams.inference.convert.onnx.OnnxProto.NodeProto;
import io.visionstreams.inference.convert.onnx.OnnxProto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** An ONNX graph under construction: nodes with typed attributes, and constants as initializers. */
final class OnnxNodes {

    final GraphProto.Builder graph = GraphProto.newBuilder();
    private int constants;

    /** Adds a node producing one output named {@code output}. */
    NodeProto.Builder node(String opType, String output, String... inputs) {
        return graph.addNodeBuilder().setOpType(opType).setName(output).addOutput(output)
                .addAllInput(Arrays.asList(inputs));
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** A float32 initializer. */
    String floats(String name, int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        Arrays.stream(shape).forEach(t::addDims);
        graph.addInitializer(t);
        return name;
    }

    /** A float32 scalar constant with a generated name. */
    String scalar(String owner, float value) {
        return floats(owner + "_const" + constants++, new int[0], new float[] {value});
    }

    /** A 1-D int64 constant with a generated name (shapes, pads, axes). */
    String longs(String owner, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(owner + "_const" + constants++)
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return t.getName();
    }
}
