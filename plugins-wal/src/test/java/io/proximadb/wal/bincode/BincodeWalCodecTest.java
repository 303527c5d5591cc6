package io.proximadb.wal.bincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalCodecContractTest;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.spi.wal.WalFormatException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import net.jqwik.api.Example;

/** The WAL contract for {@code bincode}, plus the golden bytes of {@code docs/formats/bincode.md}. */
class BincodeWalCodecTest extends WalCodecContractTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private final BincodeWalCodec codec = new BincodeWalCodec();

    @Override
    protected WalCodec codec() {
        return codec;
    }

    @Example
    void headerIsMagicAndVersion() {
        assertThat(HEX.formatHex(codec.formatHeader())).isEqualTo("50 58 57 42 01 00 00 00");
    }

    /** The worked example of the spec page; if this changes, the format changed. */
    @Example
    void upsertEncodesToTheBytesOfTheSpecPage() throws WalFormatException {
        WalEntry entry = new WalEntry.Upsert(300, "docs", new VectorRecord("a1", new float[] {1.0f, -0.0f},
                new Value.Obj(Map.of("n", new Value.Int(-2), "ok", Value.Bool.TRUE))));
        String golden = "01 ac 02 04 64 6f 63 73 02 61 31 00 02 00 00 80 3f 00 00 00 80 02 01 6e 02 03 02 6f 6b 05";
        assertThat(HEX.formatHex(codec.encode(entry))).isEqualTo(golden);
        assertThat(codec.decoder(codec.formatHeader()).decode(HEX.parseHex(golden))).isEqualTo(entry);
    }

    @Example
    void otherEntriesEncodeToTheBytesOfTheSpecPage() {
        assertThat(hex(new WalEntry.Delete(1, "c", "x"))).isEqualTo("02 01 01 63 01 78");
        assertThat(hex(new WalEntry.BatchBegin(7, "c", 2))).isEqualTo("03 07 01 63 02");
        assertThat(hex(new WalEntry.BatchCommit(10, "c", 7))).isEqualTo("04 0a 01 63 07");
        assertThat(hex(new WalEntry.DropCollection(-1, "c")))
                .isEqualTo("06 ff ff ff ff ff ff ff ff ff 01 01 63");
        assertThat(hex(new WalEntry.CreateCollection(2, new CollectionSpec("c", 128, Metric.COSINE,
                "art", "bincode", "hnsw", Map.of("m", "16")))))
                .isEqualTo("05 02 01 63 80 01 06 63 6f 73 69 6e 65 03 61 72 74 07 62 69 6e 63 6f 64 65"
                        + " 04 68 6e 73 77 01 01 6d 02 31 36");
        Value.Obj nested = new Value.Obj(Map.of("a", new Value.Array(List.of(new Value.Str("é"), new Value.Real(1.5),
                Value.Bool.FALSE, Value.Obj.EMPTY))));
        assertThat(hex(new WalEntry.Upsert(0, "", new VectorRecord("", new float[] {2f}, nested, 1000))))
                .isEqualTo("01 00 00 00 e8 07 01 00 00 00 40 01 01 61 06 04 01 02 c3 a9 03 00 00 00 00 00 00 f8 3f 04 07 00");
    }

    @Example
    void unknownVersionIsRefusedNamingFoundAndKnownVersions() {
        byte[] header = BincodeFormat.header(7);
        assertThatThrownBy(() -> codec.decoder(header))
                .isInstanceOf(WalFormatException.class)
                .hasMessageContaining("version 7")
                .hasMessageContaining("known versions: [1]");
    }

    @Example
    void forgedLengthsFailBeforeAllocating() {
        // A Delete whose collection claims 2^31-1 bytes, and an Upsert whose vector claims 2^31-1 floats.
        byte[] hugeString = HEX.parseHex("02 00 ff ff ff ff 07 63");
        byte[] hugeVector = HEX.parseHex("01 00 00 00 00 ff ff ff ff 07 00 00 80 3f");
        assertThatThrownBy(() -> codec.decoder(codec.formatHeader()).decode(hugeString))
                .isInstanceOf(WalFormatException.class).hasMessageContaining("collection length 2147483647");
        assertThatThrownBy(() -> codec.decoder(codec.formatHeader()).decode(hugeVector))
                .isInstanceOf(WalFormatException.class).hasMessageContaining("vector dimension 2147483647");
    }

    @Example
    void tooDeepMetadataIsRefusedOnBothSides() {
        Value.Obj deep = Value.Obj.EMPTY;
        for (int i = 0; i < 256; i++) {
            deep = new Value.Obj(Map.of("d", deep));
        }
        WalEntry entry = new WalEntry.Upsert(1, "c", new VectorRecord("x", new float[] {1f}, deep));
        assertThatThrownBy(() -> codec.encode(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deeper than 256");
        // Upsert, empty id, one float, then 300 nested single-field objects {"d": {"d": ...}}.
        StringBuilder forged = new StringBuilder("01 00 01 63 00 00 01 00 00 80 3f");
        forged.append(" 01 01 64 07".repeat(300));
        byte[] payload = HEX.parseHex(forged.toString());
        assertThatThrownBy(() -> codec.decoder(codec.formatHeader()).decode(payload))
                .isInstanceOf(WalFormatException.class).hasMessageContaining("deeper than 256");
    }

    @Example
    void unpairedSurrogatesAreRefusedOnEncode() {
        assertThatThrownBy(() -> codec.encode(new WalEntry.Delete(1, "c", "a\ud800b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+D800");
    }

    @Example
    void isRegisteredAsAService() {
        assertThat(ServiceLoader.load(WalCodec.class).stream().map(ServiceLoader.Provider::type).toList())
                .contains(BincodeWalCodec.class);
    }

    private String hex(WalEntry entry) {
        return HEX.formatHex(codec.encode(entry));
    }
}
