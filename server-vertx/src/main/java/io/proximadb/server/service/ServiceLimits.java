package io.proximadb.server.service;

/**
 * Bounds on one request, so that no single call can hold a worker or the heap for long. A request
 * above a bound is refused whole with {@link ErrorCode#INVALID_ARGUMENT}.
 *
 * @param maxRecordsPerWrite records in one upsert batch
 * @param maxIdsPerDelete    ids in one bulk delete
 * @param maxQueriesPerBatch queries in one batch search
 * @param maxFilterDepth     JSON nesting levels in a filter
 * @param maxHitsPerBatch    results one batch search may ask for, its queries' k summed; a batch whose
 *                           queries include their vectors may ask for no more than one query may
 *                           ({@link io.proximadb.api.SearchRequest#MAX_K}), so that no batch builds an answer of gigabytes
 */
public record ServiceLimits(int maxRecordsPerWrite, int maxIdsPerDelete, int maxQueriesPerBatch, int maxFilterDepth,
                            int maxHitsPerBatch) {

    /** The k of a query that does not say. */
    public static final int DEFAULT_K = 10;

    public ServiceLimits {
        if (maxRecordsPerWrite < 1 || maxIdsPerDelete < 1 || maxQueriesPerBatch < 1 || maxFilterDepth < 1
                || maxHitsPerBatch < 1) {
            throw new IllegalArgumentException("every limit must be positive: " + maxRecordsPerWrite + ", "
                    + maxIdsPerDelete + ", " + maxQueriesPerBatch + ", " + maxFilterDepth + ", " + maxHitsPerBatch);
        }
    }

    public static ServiceLimits defaults() {
        return new ServiceLimits(10_000, 10_000, 1_000, 32, 100_000);
    }
}
