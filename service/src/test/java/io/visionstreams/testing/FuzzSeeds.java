package io.visionstreams.testing;

import com.google.flatbuffers.FlatBufferBuilder;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Writes the seed inputs of the model-reader and serde fuzz tests into {@code src/test/resources}
 * (run once from the project root: {@code java -cp target/test-classes:target/classes:<deps>
 * io.visionstreams.testing.FuzzSeeds}); the image seeds are the sample images' small encodings,
 * written by {@code ImageDecoderFuzzTest}'s own {@code FuzzSeedsImages}. Not a test.
 */
public final class FuzzSeeds {

    private FuzzSeeds() {}

    public static void main(String[] args) throws IOException {
        Path resources = Path.of("src/test/resources/io/visionstreams");
        write(resources.resolve("inference/convert/tflite/TfliteModelFuzzTestInputs/parsesAModelOrSaysItIsUnreadable"),
                "tiny-add.tflite", tinyTflite(false));
        // found by fuzzing: a vector length past the end of the file made the reader allocate gigabytes
        write(resources.resolve("inference/convert/tflite/TfliteModelFuzzTestInputs/parsesAModelOrSaysItIsUnreadable"),
                "vector-length-past-the-end.tflite", tinyTflite(true));
        String json = "{\"modelTopology\":{\"node\":[{\"name\":\"x\",\"op\":\"Placeholder\",\"attr\":{\"dtype\":{\"type\":\"DT_FLOAT\"}}},"
                + "{\"name\":\"w\",\"op\":\"Const\"},{\"name\":\"y\",\"op\":\"Mul\",\"input\":[\"x\",\"w\"]}]},"
                + "\"weightsManifest\":[{\"paths\":[\"group1-shard1of1.bin\"],\"weights\":[{\"name\":\"w\",\"shape\":[2],\"dtype\":\"float32\"}]}]}";
        ByteBuffer weights = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
        write(resources.resolve("inference/convert/tfjs/TfjsGraphModelFuzzTestInputs/readsAModelOrSaysItIsUnreadable"),
                "mul.json-nul-shard", concat(json.getBytes(StandardCharsets.UTF_8), new byte[] {0}, weights.array()));
        String traversal = json.replace("group1-shard1of1.bin", "../outside.bin").replace("[2]", "[3]");
        write(resources.resolve("inference/convert/tfjs/TfjsGraphModelFuzzTestInputs/readsAModelOrSaysItIsUnreadable"),
                "shard-path-leaves-the-folder", concat(traversal.getBytes(StandardCharsets.UTF_8), new byte[] {0}));
        byte[] event = Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder().setEventId("e-1").setSourceId("camera-1")
                .setCapturedAt(Instant.ofEpochMilli(1_700_000_000_000L)).setContentType("image/png")
                .setImage(ByteBuffer.wrap(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).setImageUri(null)
                .setAttributes(Map.of("site", "north")).build());
        Path serdes = resources.resolve("results/SerdesFuzzTestInputs/decodesARecordOrThrowsAnExceptionNeverAnError");
        write(serdes, "image-event", concat(new byte[] {0, 0}, event));
        write(serdes, "image-event-body", concat(new byte[] {0, 1}, java.util.Arrays.copyOfRange(event, 10, event.length)));
        // found by reasoning about Avro's BinaryDecoder, then by fuzzing: 5 bytes declaring a 1 GiB event_id
        write(serdes, "huge-declared-string", concat(new byte[] {0, 1}, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, 0x08, 0x02, 0x73}));
        write(serdes, "huge-declared-map", concat(new byte[] {0, 1}, new byte[] {0x02, 0x65, 0x02, 0x73, 0x00, 0x00, 0x00,
                0x00, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}));
    }

    /** One ADD of a 1x2 float tensor with itself: operator codes, one subgraph, two buffers. */
    static byte[] tinyTflite(boolean hugeInputVector) {
        FlatBufferBuilder b = new FlatBufferBuilder(256);
        int data = b.createByteVector(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, 0x40});
        b.startTable(1);
        b.addOffset(0, data, 0);
        int constant = b.endTable();
        b.startTable(1);
        int empty = b.endTable();
        int buffers = b.createVectorOfTables(new int[] {empty, constant});
        int[] tensors = new int[2];
        for (int i = 0; i < 2; i++) {
            int name = b.createString(i == 0 ? "x" : "y");
            b.startVector(4, 2, 4);
            b.addInt(2);
            b.addInt(1);
            int shape = b.endVector();
            b.startTable(5);
            b.addOffset(0, shape, 0);
            b.addByte(1, (byte) 0, 0); // FLOAT32
            b.addInt(2, i == 0 ? 1 : 0, 0);
            b.addOffset(3, name, 0);
            tensors[i] = b.endTable();
        }
        int tensorVector = b.createVectorOfTables(tensors);
        b.startVector(4, 2, 4);
        b.addInt(0);
        b.addInt(0);
        int opInputs = b.endVector();
        b.startVector(4, 1, 4);
        b.addInt(1);
        int opOutputs = b.endVector();
        b.startTable(3);
        b.addInt(0, 0, -1);
        b.addOffset(1, opInputs, 0);
        b.addOffset(2, opOutputs, 0);
        int op = b.endTable();
        int ops = b.createVectorOfTables(new int[] {op});
        b.startVector(4, 1, 4);
        b.addInt(0);
        int inputs = b.endVector();
        b.startVector(4, 1, 4);
        b.addInt(1);
        int outputs = b.endVector();
        b.startTable(5);
        b.addOffset(0, tensorVector, 0);
        b.addOffset(1, inputs, 0);
        b.addOffset(2, outputs, 0);
        b.addOffset(3, ops, 0);
        int subgraph = b.endTable();
        int subgraphs = b.createVectorOfTables(new int[] {subgraph});
        b.startTable(4);
        b.addByte(0, (byte) 0, -1); // deprecated_builtin_code ADD
        b.addInt(2, 1, 0);
        b.addInt(3, 0, -1); // builtin_code ADD
        int code = b.endTable();
        int codes = b.createVectorOfTables(new int[] {code});
        b.startTable(5);
        b.addInt(0, 3, 0);
        b.addOffset(1, codes, 0);
        b.addOffset(2, subgraphs, 0);
        b.addOffset(4, buffers, 0);
        int model = b.endTable();
        b.finish(model, "TFL3");
        byte[] file = b.sizedByteArray();
        if (hugeInputVector) { // the subgraph's inputs vector declares 2^30 ints
            ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(file.length - inputs, 1 << 30);
        }
        return file;
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
