package io.proximadb.kernel.wal;

import io.proximadb.spi.wal.WalCodec;

/** The log's contract with the test-only {@link ReferenceWalCodec}: independent of the plugins. */
class ReferenceCodecWalTest extends WalDurabilityContractTest {
    @Override
    protected WalCodec codec() {
        return new ReferenceWalCodec();
    }
}
