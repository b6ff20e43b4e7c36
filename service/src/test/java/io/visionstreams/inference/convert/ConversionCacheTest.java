package io.visionstreams.inference.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.ModelCatalog;
import io.visionstreams.inference.ModelResolver.Resolved;
import io.visionstreams.inference.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversion cache trusts converted files by their own checksums, not by a marker naming the
 * source: a converted params file damaged after conversion is converted again, never loaded. The
 * converter here is a small deterministic stand-in (the cache's bookkeeping is under test).
 */
class ConversionCacheTest {

    private static final byte[] PARAMS = "params of the converted model, several bytes long".getBytes();

    @TempDir
    Path dir;

    private final AtomicInteger conversions = new AtomicInteger();
    private final SourceConverter converter = new SourceConverter("test1", (main, out, name) -> {
        conversions.incrementAndGet();
        Files.writeString(out.resolve(name + "-symbol.json"), "{\"nodes\": []}");
        Files.write(out.resolve(name + "-0000.params"), PARAMS);
    });

    @Test
    void reusesAnIntactConversionAndConvertsADamagedOneAgain() throws Exception {
        ModelSpec spec = ModelCatalog.MODELS.get(0);
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve(spec.mainFile().name()), "source model");
        Resolved resolved = new Resolved(spec, source, "ab".repeat(32), "test");
        ConversionCache cache = new ConversionCache(dir.resolve("cache"));

        ConvertedModel first = cache.obtain(resolved, converter);
        ConvertedModel again = cache.obtain(resolved, converter);
        assertThat(conversions).as("an intact conversion is reused").hasValue(1);
        assertThat(again.dir()).isEqualTo(first.dir());

        // when the converted params are damaged (one byte flipped) after conversion
        Path params = first.dir().resolve(spec.name() + "-0000.params");
        byte[] damaged = Files.readAllBytes(params);
        damaged[3] ^= 0x01;
        Files.write(params, damaged);
        ConvertedModel repaired = cache.obtain(resolved, converter);

        // then the model is converted again and its files are whole
        assertThat(conversions).hasValue(2);
        assertThat(Files.readAllBytes(repaired.dir().resolve(spec.name() + "-0000.params"))).isEqualTo(PARAMS);
    }
}
