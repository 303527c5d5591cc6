package io.proximadb.storage.segment.viper;

/**
 * One row of the section table: where a section's stored bytes are and how to decode them.
 *
 * @param name      unique within the file ({@code ids}, {@code f3.values}, ...)
 * @param offset    where the stored bytes start in the file
 * @param length    how many bytes are stored
 * @param codec     how they are stored
 * @param rawLength the length of the decoded contents
 * @param crc32c    the CRC32C of the stored bytes
 */
record SectionEntry(String name, long offset, long length, Codec codec, long rawLength, int crc32c) {
}
