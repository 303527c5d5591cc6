package io.proximadb.spi.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * What every {@link WalCodec} must do. A codec's test extends this class and implements
 * {@link #codec()}; the codec is done when this suite is green for it.
 *
 * <p>The suite checks: exact round trips of every entry kind (vectors bit for bit), the format
 * header handshake, that malformed input of any shape fails with {@link WalFormatException} and
 * nothing else (no {@code IndexOutOfBoundsException}, no {@code OutOfMemoryError} from a forged
 * length prefix), and that {@link WalCodec#encode} is deterministic and thread-safe.
 */
public abstract class WalCodecContractTest {

    /** The codec under test; may return the same instance every time. */
    protected abstract WalCodec codec();

    @Provide
    Arbitrary<WalEntry> entries() {
        return WalEntryArbitraries.entries();
    }

    @Property(tries = 500)
    void everyEntryRoundTrips(@ForAll("entries") WalEntry entry) throws WalFormatException {
        WalCodec codec = codec();
        WalEntry decoded = codec.decoder(codec.formatHeader()).decode(codec.encode(entry));
        assertThat(decoded).isEqualTo(entry);
    }

    @Property(tries = 200)
    void encodingIsDeterministic(@ForAll("entries") WalEntry entry) {
        assertThat(codec().encode(entry)).isEqualTo(codec().encode(entry));
    }

    @Example
    void extremesRoundTrip() throws WalFormatException {
        Value.Obj metadata = new Value.Obj(Map.of(
                "min", new Value.Int(Long.MIN_VALUE),
                "max", new Value.Int(Long.MAX_VALUE),
                "real", new Value.Real(-Double.MAX_VALUE),
                "tiny", new Value.Real(Double.MIN_VALUE),
                "negzero", new Value.Real(-0.0),
                "text", new Value.Str("h\u00e9llo \u4e16\u754c \ud83d\ude80"),
                "", new Value.Array(List.of(Value.Bool.TRUE, new Value.Array(List.of()), Value.Obj.EMPTY)),
                "nested", new Value.Obj(Map.of("a", new Value.Obj(Map.of("b", Value.Bool.FALSE))))));
        float[] vector = {-0f, 0f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, Float.intBitsToFloat(1 << 22)};
        List<WalEntry> entries = List.of(
                new WalEntry.Upsert(Long.MAX_VALUE, "c", new VectorRecord("x".repeat(512), vector, metadata, Long.MAX_VALUE)),
                new WalEntry.Upsert(0, "", new VectorRecord("", new float[] {1f})),
                new WalEntry.Delete(Long.MIN_VALUE, "\ud83d\ude80", ""),
                new WalEntry.BatchBegin(-1, "c", Integer.MAX_VALUE),
                new WalEntry.BatchBegin(1, "c", 0),
                new WalEntry.BatchCommit(2, "c", Long.MIN_VALUE),
                new WalEntry.CreateCollection(3, new CollectionSpec("c", Integer.MAX_VALUE, Metric.MANHATTAN,
                        "art", "bincode", "hnsw", Map.of("m", "16", "ef", ""))),
                new WalEntry.CreateCollection(4, new CollectionSpec("d", 1, Metric.L2, "", "", "", Map.of())),
                new WalEntry.DropCollection(5, "c"));
        WalDecoder decoder = codec().decoder(codec().formatHeader());
        for (WalEntry entry : entries) {
            WalEntry decoded = decoder.decode(codec().encode(entry));
            assertThat(decoded).isEqualTo(entry);
            if (entry instanceof WalEntry.Upsert upsert) {
                float[] back = ((WalEntry.Upsert) decoded).record().vector();
                for (int i = 0; i < back.length; i++) {
                    assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(upsert.record().vector()[i]));
                }
            }
        }
    }

    @Example
    void nameIsStableLowerCaseAndCodecIsAvailable() throws Exception {
        assertThat(codec().name()).isNotBlank().isEqualTo(codec().name().toLowerCase(java.util.Locale.ROOT));
        codec().checkAvailable();
    }

    @Example
    void formatHeaderIsNonEmptyAndOwnedByTheCaller() throws WalFormatException {
        byte[] header = codec().formatHeader();
        assertThat(header).isNotEmpty();
        byte[] copy = header.clone();
        Arrays.fill(header, (byte) 0x5a);
        assertThat(codec().formatHeader()).isEqualTo(copy);
        assertThat(codec().decoder(copy)).isNotNull();
    }

    @Example
    void emptyAndTruncatedAndExtendedHeadersAreRefused() {
        byte[] header = codec().formatHeader();
        assertRefused(new byte[0]);
        assertRefused(Arrays.copyOf(header, header.length - 1));
        assertRefused(Arrays.copyOf(header, header.length + 1));
    }

    @Property(tries = 300)
    void garbageHeadersAreRefused(@ForAll @Size(max = 32) byte[] garbage) {
        Assume.that(!Arrays.equals(garbage, codec().formatHeader()));
        assertRefused(garbage);
    }

    @Property(tries = 300)
    void everyHeaderWithOneByteChangedIsRefused(@ForAll int position, @ForAll byte delta) {
        Assume.that(delta != 0);
        byte[] header = codec().formatHeader();
        header[Math.floorMod(position, header.length)] += delta;
        assertRefused(header);
    }

    @Property(tries = 300)
    void truncatedPayloadsAreRefused(@ForAll("entries") WalEntry entry, @ForAll int cut) throws WalFormatException {
        byte[] payload = codec().encode(entry);
        byte[] truncated = Arrays.copyOf(payload, Math.floorMod(cut, payload.length));
        WalDecoder decoder = codec().decoder(codec().formatHeader());
        assertThatThrownBy(() -> decoder.decode(truncated)).isInstanceOf(WalFormatException.class);
    }

    @Property(tries = 200)
    void trailingBytesAreRefused(@ForAll("entries") WalEntry entry, @ForAll @Size(min = 1, max = 8) byte[] extra)
            throws WalFormatException {
        byte[] payload = codec().encode(entry);
        byte[] longer = Arrays.copyOf(payload, payload.length + extra.length);
        System.arraycopy(extra, 0, longer, payload.length, extra.length);
        WalDecoder decoder = codec().decoder(codec().formatHeader());
        assertThatThrownBy(() -> decoder.decode(longer)).isInstanceOf(WalFormatException.class);
    }

    @Property(tries = 1000)
    void randomPayloadsDecodeOrFailWithWalFormatException(@ForAll @Size(max = 64) byte[] garbage) throws WalFormatException {
        decodeOrRefuse(garbage);
    }

    /**
     * Overwrites bytes of a valid payload, favouring 0xff runs which forge huge varint lengths and
     * counts: a decoder must check every length against the bytes that remain before allocating.
     */
    @Property(tries = 1000)
    void corruptedPayloadsDecodeOrFailWithWalFormatException(
            @ForAll("entries") WalEntry entry, @ForAll int position, @ForAll("corruptions") byte[] corruption)
            throws WalFormatException {
        byte[] payload = codec().encode(entry);
        int start = Math.floorMod(position, payload.length);
        for (int i = 0; i < corruption.length && start + i < payload.length; i++) {
            payload[start + i] = corruption[i];
        }
        decodeOrRefuse(payload);
    }

    @Provide
    Arbitrary<byte[]> corruptions() {
        Arbitrary<Byte> bytes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) 0xff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte) 0x7f)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte) 0x00)),
                net.jqwik.api.Tuple.of(3, Arbitraries.bytes()));
        return bytes.array(byte[].class).ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<WalEntry>> entryLists() {
        return WalEntryArbitraries.entries().list().ofMinSize(50).ofMaxSize(100);
    }

    @Property(tries = 5)
    void encodeIsThreadSafe(@ForAll("entryLists") List<WalEntry> entries) throws Exception {
        List<byte[]> expected = entries.stream().map(codec()::encode).toList();
        int threads = 4;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<byte[]>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<byte[]> encoded = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        encoded.clear();
                        for (WalEntry entry : entries) {
                            encoded.add(codec().encode(entry));
                        }
                    }
                    return encoded;
                }));
            }
            for (Future<List<byte[]>> result : results) {
                List<byte[]> actual = result.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(actual.get(i)).isEqualTo(expected.get(i));
                }
            }
        }
    }

    private void assertRefused(byte[] header) {
        assertThatThrownBy(() -> codec().decoder(header))
                .isInstanceOf(WalFormatException.class)
                .satisfies(refused -> assertThat(refused.getMessage()).isNotBlank());
    }

    private void decodeOrRefuse(byte[] payload) throws WalFormatException {
        WalDecoder decoder = codec().decoder(codec().formatHeader());
        try {
            assertThat(decoder.decode(payload)).isNotNull();
        } catch (WalFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (Throwable wrong) {
            fail("decode must fail with WalFormatException only, got " + wrong, wrong);
        }
    }
}
