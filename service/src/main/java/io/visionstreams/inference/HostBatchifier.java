package io.visionstreams.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * DJL's {@code STACK} batching done with host copies only: frames stacked on a new leading axis,
 * outputs split along it. Every engine creates arrays from bytes and gives their bytes back, so a
 * translator batching this way needs no operator of its engine; {@code Batchifier.STACK} calls the
 * engine's {@code stack}/{@code split}, which ONNX Runtime's arrays hand to another engine (MXNet)
 * when one is loaded. Hand-written: DJL has no engine-neutral batchifier.
 */
public final class HostBatchifier implements Batchifier {

    public static final HostBatchifier INSTANCE = new HostBatchifier();

    private HostBatchifier() {}

    @Override
    public NDList batchify(NDList[] inputs) {
        int arrays = inputs[0].size();
        NDList batch = new NDList(arrays);
        for (int a = 0; a < arrays; a++) {
            NDArray first = inputs[0].get(a);
            ByteBuffer bytes = ByteBuffer.allocateDirect(Math.toIntExact(first.getShape().size()
                    * first.getDataType().getNumOfBytes() * inputs.length)).order(ByteOrder.nativeOrder());
            for (NDList input : inputs) {
                NDArray array = input.get(a);
                if (!array.getShape().equals(first.getShape()) || array.getDataType() != first.getDataType()) {
                    throw new IllegalArgumentException("cannot stack " + array.getShape() + " " + array.getDataType()
                            + " onto " + first.getShape() + " " + first.getDataType());
                }
                bytes.put(array.toByteBuffer());
            }
            bytes.rewind();
            NDManager manager = first.getManager();
            batch.add(manager.create(bytes, new Shape(inputs.length).addAll(first.getShape()), first.getDataType()));
        }
        return batch;
    }

    @Override
    public NDList[] unbatchify(NDList inputs) {
        int size = Math.toIntExact(inputs.get(0).getShape().get(0));
        NDList[] items = new NDList[size];
        for (int i = 0; i < size; i++) {
            items[i] = new NDList(inputs.size());
        }
        for (NDArray array : inputs) {
            Shape item = array.getShape().slice(1);
            int itemBytes = Math.toIntExact(item.size() * array.getDataType().getNumOfBytes());
            ByteBuffer all = array.toByteBuffer();
            for (int i = 0; i < size; i++) {
                ByteBuffer one = ByteBuffer.allocateDirect(itemBytes).order(ByteOrder.nativeOrder());
                ByteBuffer part = all.duplicate().order(all.order());
                part.position(i * itemBytes).limit((i + 1) * itemBytes);
                one.put(part).rewind();
                items[i].add(array.getManager().create(one, item, array.getDataType()));
            }
        }
        return items;
    }

    @Override
    public NDList[] split(NDList list, int numOfSlices, boolean evenUp) {
        throw new UnsupportedOperationException("split is not used for inference");
    }
}
