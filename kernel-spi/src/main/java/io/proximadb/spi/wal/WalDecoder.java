package io.proximadb.spi.wal;

/**
 * Decodes the payloads of one log file, written under the format header the decoder was made for.
 * Used by one thread at a time.
 */
public interface WalDecoder {

    /**
     * Decodes one payload. The kernel has already verified the payload's checksum, so a failure
     * here means the file was written by something this codec does not understand.
     *
     * @param payload exactly the bytes {@link WalCodec#encode} produced; the decoder may not keep it
     * @throws WalFormatException if the payload is not a valid entry
     */
    WalEntry decode(byte[] payload) throws WalFormatException;
}
